using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RegDiag.Proxy.Certificates;

/// <summary>
/// One ready-to-serve TLS certificate context per host, minted on first use. The lazy makes a burst of
/// CONNECTs to a new host mint once; the context caches the chain so each handshake does no extra work.
/// </summary>
internal sealed class LeafCertificateCache
{
    private readonly ConcurrentDictionary<string, Lazy<SslStreamCertificateContext>> _contexts =
        new(StringComparer.OrdinalIgnoreCase);
    private readonly LeafMinter _minter;
    private readonly X509Certificate2Collection _chain;

    public LeafCertificateCache(X509Certificate2 ca, TimeProvider? clock = null)
    {
        _minter = new LeafMinter(ca, clock);
        _chain = [X509CertificateLoader.LoadCertificate(ca.RawData)];
    }

    public int Count => _contexts.Count;

    public SslStreamCertificateContext Get(string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        return _contexts.GetOrAdd(host, h => new Lazy<SslStreamCertificateContext>(
            () => SslStreamCertificateContext.Create(_minter.Mint(h), _chain, offline: true))).Value;
    }
}
