using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using RegDiag.Proxy.Certificates;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Certificates;

public sealed class LeafCertificateCacheTests
{
    [Fact]
    public async Task Get_BurstForOneHost_MintsOnceAndChainsToTheCa()
    {
        using var dir = new TempDirectory();
        using var ca = CertificateAuthority.LoadOrCreate(dir.Path);
        var cache = new LeafCertificateCache(ca.Certificate);

        var contexts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => cache.Get("registry.test"))));

        Assert.Single(contexts.Distinct());
        Assert.Equal(1, cache.Count);
        var leaf = contexts[0].TargetCertificate;
        Assert.Equal("CN=registry.test", leaf.Subject);
        Assert.Contains("registry.test", leaf.GetNameInfo(X509NameType.DnsName, false));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(ca.Certificate.RawData));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(leaf.NotAfter <= ca.Certificate.NotAfter);
    }

    [Fact]
    public void Mint_IpAddressHost_GetsAnIpSan()
    {
        using var dir = new TempDirectory();
        using var ca = CertificateAuthority.LoadOrCreate(dir.Path);

        using var leaf = new LeafMinter(ca.Certificate).Mint("127.0.0.1");

        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal([IPAddress.Loopback], san.EnumerateIPAddresses());
        Assert.Empty(san.EnumerateDnsNames());
    }

    [Fact]
    public void Mint_ManyHosts_TakesMillisecondsEach()
    {
        using var dir = new TempDirectory();
        using var ca = CertificateAuthority.LoadOrCreate(dir.Path);
        var cache = new LeafCertificateCache(ca.Certificate);
        cache.Get("warm-up.test");

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            cache.Get($"host{i}.test");
        }

        // About 2 ms each here (ECDSA P-256 leaf signed by the RSA CA); RSA leaves would take 200 ms each.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"50 leaves took {watch.Elapsed.TotalMilliseconds:0} ms");
    }
}
