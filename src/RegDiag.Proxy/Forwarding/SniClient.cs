namespace RegDiag.Proxy.Forwarding;

/// <summary>
/// One client SNI's upstream client and the requests using it, so that evicting it from
/// <see cref="UpstreamClients"/> disposes it only once the last of those requests has finished.
/// </summary>
internal sealed class SniClient(string sni, HttpMessageInvoker invoker, Action onDisposed)
{
    private readonly Lock _gate = new();
    private int _users;
    private bool _evicted;
    private bool _disposed;

    public string Sni => sni;

    public HttpMessageInvoker Invoker => invoker;

    /// <summary>A request starts using the client. Only called while the client is in the cache.</summary>
    public void Acquire()
    {
        lock (_gate)
        {
            _users++;
        }
    }

    /// <summary>A request is done with the client; the last one out of an evicted client disposes it.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _users--;
            if (_users > 0 || !_evicted || _disposed)
            {
                return;
            }
            _disposed = true;
        }
        Dispose();
    }

    /// <summary>The cache dropped the client: it is disposed now if idle, else when its last request ends.</summary>
    public void Evict()
    {
        lock (_gate)
        {
            _evicted = true;
            if (_users > 0 || _disposed)
            {
                return;
            }
            _disposed = true;
        }
        Dispose();
    }

    private void Dispose()
    {
        invoker.Dispose();
        onDisposed();
    }
}
