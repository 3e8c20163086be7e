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
/// HTTP/1.x requests to https upstreams go through a client per TLS name (SNI) whose ConnectCallback does the
/// TLS itself and hands the handler an already-encrypted stream (to the handler a plain-http connection), for
/// two reasons:
/// <list type="bullet">
/// <item>SocketsHttpHandler takes the upstream TLS name (SNI and the certificate check) from the Host header.
/// When an intercepted client's SNI differs from its Host (a CDN or fronted endpoint, a name-based TLS router),
/// the upstream must see the client's SNI or it may route elsewhere or present another certificate; the
/// handler has no per-request SNI.</item>
/// <item>Its own TLS session can be a <see cref="BatchedTlsStream"/>, which moves a layer's bytes in large
/// batches rather than one 16 KiB record per system call.</item>
/// </list>
/// HTTP/2 requests keep the handler's own TLS (it negotiates h2 there), as do IP-literal upstreams.
/// The per-SNI clients are bounded: at most <see cref="MaxSniClients"/>, least recently used evicted first, so
/// a client sending ever new names cannot grow the proxy without end. A debugging session talks to a registry,
/// its token service and a storage endpoint or two, far below the bound. An evicted client is disposed once the
/// requests that were routed to it have finished (each holds an <see cref="UpstreamRoute"/> lease), never under them.
/// </remarks>
internal sealed class UpstreamClients : IDisposable
{
    /// <summary>How many per-SNI clients are kept (each holds its own connection pool).</summary>
    public const int MaxSniClients = 64;

    private readonly UpstreamTrust _trust;
    private readonly int _maxSniClients;
    private readonly HttpMessageInvoker _default;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<SniClient>> _bySni = new(StringComparer.OrdinalIgnoreCase);
    // Most recently used first.
    private readonly LinkedList<SniClient> _recent = new();
    private int _live;

    public UpstreamClients(UpstreamTrust trust, int maxSniClients = MaxSniClients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSniClients, 1);
        _trust = trust;
        _maxSniClients = maxSniClients;
        var handler = NewHandler();
        handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate };
        _default = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The per-SNI clients in the cache.</summary>
    internal int SniClientCount
    {
        get
        {
            lock (_gate)
            {
                return _bySni.Count;
            }
        }
    }

    /// <summary>The per-SNI clients not yet disposed: those in the cache and evicted ones still in use.</summary>
    internal int LiveSniClients => Volatile.Read(ref _live);

    /// <summary>
    /// The client and the URI to send a request to <paramref name="target"/> with: for an HTTP/1.x request to
    /// an https upstream (or any request whose tunnel's client SNI differs from its Host), the client of its TLS
    /// name and the target under the http scheme; otherwise the default client and the target as it is.
    /// Dispose the route when the request is done.
    /// </summary>
    public UpstreamRoute Route(TunnelInfo? tunnel, Uri target, HostString hostHeader, Version version)
    {
        if (target.Scheme != Uri.UriSchemeHttps)
        {
            return new UpstreamRoute(_default, target, null);
        }
        var host = hostHeader.HasValue ? hostHeader.Host : target.IdnHost;
        var clientSni = tunnel is { Tls: true } ? tunnel.ClientSni : null;
        var sni = clientSni ?? host;
        var sniDiffers = clientSni != null && !clientSni.Equals(host, StringComparison.OrdinalIgnoreCase);
        if (!sniDiffers && (version.Major >= 2 || Uri.CheckHostName(sni) != UriHostNameType.Dns))
        {
            return new UpstreamRoute(_default, target, null);
        }
        var client = Acquire(sni);
        var plain = "http://" + target.GetComponents(UriComponents.Host, UriFormat.UriEscaped) + ":" + target.Port + target.PathAndQuery;
        return new UpstreamRoute(client.Invoker, new Uri(plain, UpstreamTarget.Exact), client);
    }

    public void Dispose()
    {
        _default.Dispose();
        List<SniClient> clients;
        lock (_gate)
        {
            clients = [.. _recent];
            _recent.Clear();
            _bySni.Clear();
        }
        foreach (var client in clients)
        {
            client.Evict();
        }
    }

    private SniClient Acquire(string sni)
    {
        SniClient? evicted = null;
        SniClient client;
        lock (_gate)
        {
            if (_bySni.TryGetValue(sni, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
            }
            else
            {
                Interlocked.Increment(ref _live);
                node = _recent.AddFirst(new SniClient(sni, NewSniClient(sni), () => Interlocked.Decrement(ref _live)));
                _bySni.Add(sni, node);
                if (_bySni.Count > _maxSniClients)
                {
                    evicted = _recent.Last!.Value;
                    _recent.RemoveLast();
                    _bySni.Remove(evicted.Sni);
                }
            }
            client = node.Value;
            // Under the lock: a client is acquired only while cached, so once evicted its users only decrease.
            client.Acquire();
        }
        evicted?.Evict();
        return client;
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
                var transport = new BatchingSocketStream(socket);
                var tls = new SslStream(transport);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = sni,
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
