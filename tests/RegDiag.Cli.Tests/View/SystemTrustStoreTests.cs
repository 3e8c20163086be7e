using RegDiag.Cli.Commands.View;
using RegDiag.Testing;

namespace RegDiag.Cli.Tests.View;

public sealed class SystemTrustStoreTests
{
    [Fact]
    public void Contains_CertificateFromTheSystemBundle_IsTrue()
    {
        using var temp = new TempDirectory();
        // The first certificate of the system bundle is, by definition, in the system store.
        var bundle = File.ReadAllText("/etc/ssl/certs/ca-certificates.crt");
        var end = bundle.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length;
        var path = temp.Combine("system.pem");
        File.WriteAllText(path, bundle[bundle.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..end] + "\n");

        Assert.True(SystemTrustStore.Contains(path));
    }

    [Fact]
    public async Task Contains_FreshRegDiagCa_IsFalse()
    {
        using var temp = new TempDirectory();
        var result = await ExternalTool.RunAsync("openssl",
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=regdiag test CA",
             "-keyout", temp.Combine("ca.key"), "-out", temp.Combine("ca.pem"), "-days", "1"]);
        Assert.Equal(0, result.ExitCode);

        Assert.False(SystemTrustStore.Contains(temp.Combine("ca.pem")));
    }
}
