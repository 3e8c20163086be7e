using RegDiag.Proxy.Certificates;
using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Certificates;

/// <summary>
/// A name-constrained CA is only useful if clients enforce it: OpenSSL (openssl verify, curl) must accept
/// the permitted names and refuse the rest. The Go client (skopeo) is checked in RegistryPushTests.
/// </summary>
public sealed class NameConstraintsTests(OriginFixture origins) : IClassFixture<OriginFixture>
{
    [Theory]
    [InlineData("registry.test", true)]
    [InlineData("blobs.registry.test", true)]
    [InlineData("s3.test", true)]
    [InlineData("other.test", false)]
    [InlineData("127.0.0.1", false)]
    public async Task OpenSslVerify_LeafOfConstrainedCa_AcceptsOnlyPermittedNames(string host, bool accepted)
    {
        using var dir = new TempDirectory();
        using var ca = CertificateAuthority.LoadOrCreate(dir.Path, ["registry.test", "s3.test"]);
        using var leaf = new LeafMinter(ca.Certificate).Mint(host);
        File.WriteAllText(dir.Combine("leaf.pem"), leaf.ExportCertificatePem());

        var verify = await ExternalTool.RunAsync("openssl", ["verify", "-CAfile", ca.CertificatePath, dir.Combine("leaf.pem")]);

        Assert.True((verify.ExitCode == 0) == accepted, verify.Output);
        if (!accepted)
        {
            Assert.Contains("subtree violation", verify.Output); // permitted (DNS) or excluded (every IP)
        }
    }

    [Fact]
    public async Task Curl_ThroughProxyWithConstrainedCa_AcceptsPermittedAndRejectsOtherHost()
    {
        using var caDir = new TempDirectory();
        CertificateAuthority.LoadOrCreate(caDir.Path, ["origin.test"]).Dispose();
        await using var proxy = await ProxyHarness.StartAsync(o => o with { CaDirectory = caDir.Path }, origins.Pki.CaPath);

        var permitted = await Curl(proxy, $"https://origin.test:{origins.Https.Port}/ok");
        var other = await Curl(proxy, $"https://other.test:{origins.Https.Port}/no");

        Assert.Equal(0, permitted.ExitCode);
        Assert.Equal(60, other.ExitCode);
        Assert.Contains("permitted subtree violation", other.Output);
    }

    private static Task<ExternalTool.Result> Curl(ProxyHarness proxy, string url) =>
        ExternalTool.RunAsync("curl", ["-sS", "--max-time", "20", "--proxy", proxy.Server.ProxyUri, "--cacert", proxy.Server.CaCertificatePath, "-o", "/dev/null", url]);
}
