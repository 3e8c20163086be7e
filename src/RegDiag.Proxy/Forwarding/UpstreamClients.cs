using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using RegDiag.Proxy.Connect;

namespace RegDiag.Proxy.Forwarding;

/// <summary>
/// The HTTP clients towards upstreams. They must not change what the client asked for: no redirects followed
/// (a registry's 307 to S3 reaches the client untouched), no decompression, no cookies, no trace headers.
/// </summary>
/// <remarks>
/// SocketsHttpHandler takes the upstream TLS name (SNI and the certificate check) from the Host header. When
/// an intercepted client's SNI differs from its Host (a CDN or fronted endpoint, a name-based TLS router),
/// the upstream must see the client's SNI or it may route elsewhere or present another certificate. The
/// handler has no per-request SNI, so those requests go to a client per SNI whose ConnectCallback does the
/// TLS itself and hands the handler an already-encrypted stream (to it a plain-http connection).
/// </remarks>
internal sealed class UpstreamClients : IDisposable
{
    private readonly UpstreamTrust _trust;
    private readonly HttpMessageInvoker _default;
    private readonly ConcurrentDictionary<string, Lazy<HttpMessageInvoker>> _bySni = new(StringComparer.OrdinalIgnoreCase);

    public UpstreamClients(UpstreamTrust trust)
    {
        _trust = trust;
        var handler = NewHandler();
        handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate };
        _default = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>
    /// The client and the URI to send a request to <paramref name="target"/> with: the default client, or for a
    /// tunnel whose client SNI differs from the Host, that SNI's client and the target under the http scheme.
    /// </summary>
    public (HttpMessageInvoker Client, Uri Target) Route(TunnelInfo? tunnel, Uri target, HostString hostHeader)
    {
        var sni = tunnel is { Tls: true } ? tunnel.ClientSni : null;
        if (sni == null || target.Scheme != Uri.UriSchemeHttps || sni.Equals(hostHeader.HasValue ? hostHeader.Host : target.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            return (_default, target);
        }
        var client = _bySni.GetOrAdd(sni, name => new Lazy<HttpMessageInvoker>(() => NewSniClient(name))).Value;
        var plain = "http://" + target.GetComponents(UriComponents.Host, UriFormat.UriEscaped) + ":" + target.Port + target.PathAndQuery;
        return (client, new Uri(plain, UpstreamTarget.Exact));
    }

    public void Dispose()
    {
        _default.Dispose();
        foreach (var client in _bySni.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private HttpMessageInvoker NewSniClient(string sni)
    {
        var handler = NewHandler();
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = sni,
                    // HTTP/1.1 only: the handler sees an http-scheme connection and would not negotiate h2 on it.
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                    RemoteCertificateValidationCallback = _trust.Validate,
                }, cancellationToken);
                return tls;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    private static SocketsHttpHandler NewHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        MaxResponseHeadersLength = 256,
        // Layer-sized bodies: start HTTP/2 downloads with a large window rather than growing it.
        InitialHttp2StreamWindowSize = 2 * 1024 * 1024,
    };
}
