using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace RegDiag.Proxy.Tests.Fixtures;

/// <summary>
/// A hand-driven client: CONNECT through the proxy, TLS trusting the proxy's CA, then raw HTTP/1.1 bytes, so
/// tests control every byte (odd targets, repeated headers, garbage, a body cut short).
/// </summary>
internal sealed class RawTunnel : IAsyncDisposable
{
    private readonly TcpClient _tcp;

    private RawTunnel(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        Stream = stream;
    }

    public Stream Stream { get; }

    /// <param name="sni">The TLS server name to send, when it should differ from the CONNECT host.</param>
    public static async Task<RawTunnel> OpenAsync(ProxyHarness proxy, string authority, string? sni = null)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(proxy.Server.Endpoint);
        var network = tcp.GetStream();
        await network.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n"));
        var head = await ReadHeadAsync(network);
        Assert.StartsWith("HTTP/1.1 200", head);
        var ssl = new SslStream(network, false, (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(proxy.ProxyCa);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData()));
        });
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = sni ?? authority.Split(':')[0],
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        });
        return new RawTunnel(tcp, ssl);
    }

    public async Task SendAsync(string text) => await Stream.WriteAsync(Encoding.Latin1.GetBytes(text));

    /// <summary>Reads one response: its head and its body (Content-Length or chunked).</summary>
    public async Task<(string Head, string Body)> ReadResponseAsync()
    {
        var head = await ReadHeadAsync(Stream);
        var headers = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (headers["Transfer-Encoding"].Contains("chunked"))
        {
            var text = new StringBuilder();
            while (true)
            {
                var size = Convert.ToInt32((await ReadLineAsync(Stream)).Split(';')[0], 16);
                var chunk = new byte[size];
                await Stream.ReadExactlyAsync(chunk);
                await ReadLineAsync(Stream);
                if (size == 0)
                {
                    return (head, text.ToString());
                }
                text.Append(Encoding.UTF8.GetString(chunk));
            }
        }
        var body = new byte[headers["Content-Length"].Select(int.Parse).FirstOrDefault()];
        await Stream.ReadExactlyAsync(body);
        return (head, Encoding.UTF8.GetString(body));
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 2 || !(bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new EndOfStreamException("connection closed inside a chunked body");
            }
            bytes.Add(one[0]);
        }
        return Encoding.Latin1.GetString([.. bytes])[..^2];
    }

    /// <summary>Reads up to the blank line; fails on EOF before it.</summary>
    public static async Task<string> ReadHeadAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new EndOfStreamException($"connection closed after {Encoding.Latin1.GetString([.. bytes])}");
            }
            bytes.Add(one[0]);
        }
        return Encoding.Latin1.GetString([.. bytes]);
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        _tcp.Dispose();
    }
}
