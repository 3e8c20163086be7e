namespace RegDiag.Proxy.Forwarding;

/// <summary>
/// Where one request goes: the client and the URI to send it with. Dispose it once the request is done, so
/// that an evicted per-SNI client can be disposed.
/// </summary>
internal readonly struct UpstreamRoute(HttpMessageInvoker client, Uri target, SniClient? lease) : IDisposable
{
    public HttpMessageInvoker Client => client;

    public Uri Target => target;

    public void Dispose() => lease?.Release();
}
