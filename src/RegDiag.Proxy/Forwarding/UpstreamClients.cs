using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using RegDiag.Proxy.Connect;
using RegDiag.Proxy.Transport;

namespace RegDiag.Proxy.Forwarding;

/// <summary>
/// The HTTP clients towards upstreams. They must not change what the client asked for: no redirects followed
/// (a registry's 307 to S3 reaches the client untouched), no decompression, no cookies, no trace headers.
/// </summary>
/// <remarks>
/// HTTP/1.x requests to https upstreams go through a client per TLS name whose ConnectCallback does the TLS
/// itself and hands the handler an already-encrypted stream (to the handler a plain-http connection), for two
/// reasons:
/// <list type="bullet">
/// <item>SocketsHttpHandler takes the upstream TLS name (SNI and the certificate check) from the Host header.
/// When an intercepted client's SNI differs from its Host (a CDN or fronted endpoint, a name-based TLS router),
/// the upstream must see the client's SNI or it may route elsewhere or present another certificate; the
/// handler has no per-request SNI.</item>
/// <item>Its own TLS session can be a <see cref="BatchedTlsStream"/>, which moves a layer's bytes in large
/// batches rather than one 16 KiB record per system call.</item>
/// </list>
/// HTTP/2 requests keep the handler's own TLS (it negotiates h2 there), as do IP-literal upstreams.
/// </remarks>
internal sealed class UpstreamClients : IDisposable
{
    private readonly UpstreamTrust _trust;
    private readonly HttpMessageInvoker _default;
    private readonly ConcurrentDictionary<string, Lazy<HttpMessageInvoker>> _byTlsName = new(StringComparer.OrdinalIgnoreCase);

    public UpstreamClients(UpstreamTrust trust)
    {
        _trust = trust;
        var handler = NewHandler();
        handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate };
        _default = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>
    /// The client and the URI to send a request to <paramref name="target"/> with: for an HTTP/1.x request to
    /// an https upstream (or any request whose tunnel's client SNI differs from its Host), the client of its TLS
    /// name and the target under the http scheme; otherwise the default client and the target as it is.
    /// </summary>
    public (HttpMessageInvoker Client, Uri Target) Route(TunnelInfo? tunnel, Uri target, HostString hostHeader, Version version)
    {
        if (target.Scheme != Uri.UriSchemeHttps)
        {
            return (_default, target);
        }
        var host = hostHeader.HasValue ? hostHeader.Host : target.IdnHost;
        var clientSni = tunnel is { Tls: true } ? tunnel.ClientSni : null;
        var tlsName = clientSni ?? host;
        var sniDiffers = clientSni != null && !clientSni.Equals(host, StringComparison.OrdinalIgnoreCase);
        if (!sniDiffers && (version.Major >= 2 || Uri.CheckHostName(tlsName) != UriHostNameType.Dns))
        {
            return (_default, target);
        }
        var client = _byTlsName.GetOrAdd(tlsName, name => new Lazy<HttpMessageInvoker>(() => NewTlsClient(name))).Value;
        var plain = "http://" + target.GetComponents(UriComponents.Host, UriFormat.UriEscaped) + ":" + target.Port + target.PathAndQuery;
        return (client, new Uri(plain, UpstreamTarget.Exact));
    }

    public void Dispose()
    {
        _default.Dispose();
        foreach (var client in _byTlsName.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private HttpMessageInvoker NewTlsClient(string tlsName)
    {
        var handler = NewHandler();
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                var transport = new BatchingSocketStream(socket);
                var tls = new SslStream(transport);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = tlsName,
                    // HTTP/1.1 only: the handler sees an http-scheme connection and would not negotiate h2 on it.
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                    RemoteCertificateValidationCallback = _trust.Validate,
                }, cancellationToken);
                return new BatchedTlsStream(tls, transport);
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
