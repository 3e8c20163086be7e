using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Fixtures;

/// <summary>
/// A proxy on 127.0.0.1:0 with a fresh REGDIAG_HOME, trusting the test origins' CA upstream, plus clients
/// that go through it and trust its CA.
/// </summary>
internal sealed class ProxyHarness : IAsyncDisposable
{
    private ProxyHarness(TempDirectory home, ProxyServer server, CollectingSink sink)
    {
        Home = home;
        Server = server;
        Sink = sink;
        ProxyCa = X509CertificateLoader.LoadCertificateFromFile(server.CaCertificatePath);
    }

    public TempDirectory Home { get; }

    public ProxyServer Server { get; }

    public CollectingSink Sink { get; }

    public X509Certificate2 ProxyCa { get; }

    /// <summary>One CA for every harness of the run (the proxy only reads it); CA creation is tested on its own.</summary>
    private static readonly Lazy<string> SharedCaDirectory = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("regdiag-shared-ca-").FullName;
        RegDiag.Proxy.Certificates.CertificateAuthority.LoadOrCreate(directory).Dispose();
        return directory;
    });

    public static async Task<ProxyHarness> StartAsync(Func<ProxyOptions, ProxyOptions>? configure = null, string? upstreamCa = null)
    {
        var home = new TempDirectory("regdiag-proxy");
        var options = new ProxyOptions
        {
            Port = 0,
            Home = home.Path,
            CaDirectory = SharedCaDirectory.Value,
            UpstreamCaFiles = upstreamCa == null ? [] : [upstreamCa],
        };
        var sink = new CollectingSink();
        var server = await ProxyServer.StartAsync(configure?.Invoke(options) ?? options, [sink]);
        return new ProxyHarness(home, server, sink);
    }

    /// <summary>An HttpClient that goes through the proxy and trusts only the proxy's CA (or the given roots).</summary>
    public HttpClient CreateClient(
        X509Certificate2? trust = null, bool allowRedirect = false, int maxConnections = int.MaxValue, Version? version = null)
    {
        var root = trust ?? ProxyCa;
        var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(Server.ProxyUri),
            UseProxy = true,
            AllowAutoRedirect = allowRedirect,
            MaxConnectionsPerServer = maxConnections,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(root, certificate, errors),
            },
        };
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        if (version != null)
        {
            client.DefaultRequestVersion = version;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        return client;
    }

    private static bool Validate(X509Certificate2 root, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0 || certificate == null)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        ProxyCa.Dispose();
        Home.Dispose();
    }
}
