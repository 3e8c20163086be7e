using System.Net;
using System.Net.Security;

namespace RegDiag.Proxy.Forwarding;

/// <summary>
/// The HTTP client towards upstreams. It must not change what the client asked for: no redirects followed
/// (a registry's 307 to S3 reaches the client untouched), no decompression, no cookies, no trace headers.
/// </summary>
internal static class UpstreamClient
{
    public static HttpMessageInvoker Create(UpstreamTrust trust) => new(new SocketsHttpHandler
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
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = trust.Validate },
    }, disposeHandler: true);
}
