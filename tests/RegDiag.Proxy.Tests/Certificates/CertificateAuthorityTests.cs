using System.Security.Cryptography.X509Certificates;
using RegDiag.Core;
using RegDiag.Proxy.Certificates;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Certificates;

public sealed class CertificateAuthorityTests
{
    [Fact]
    public void LoadOrCreate_Twice_CreatesOnceAndReusesTheSameCa()
    {
        using var dir = new TempDirectory();

        using var first = CertificateAuthority.LoadOrCreate(dir.Path);
        using var second = CertificateAuthority.LoadOrCreate(dir.Path);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Certificate.Thumbprint, second.Certificate.Thumbprint);
        Assert.True(second.Certificate.HasPrivateKey);
    }

    [Fact]
    public void LoadOrCreate_NewCa_KeyIsPrivateValidityShortAndSubjectNamesMachineAndDate()
    {
        using var dir = new TempDirectory();

        using var ca = CertificateAuthority.LoadOrCreate(dir.Path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ca.KeyPath));
        Assert.True(ca.Certificate.NotAfter - ca.Certificate.NotBefore <= TimeSpan.FromDays(731));
        Assert.Contains(Environment.MachineName, ca.Certificate.Subject);
        Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM-dd"), ca.Certificate.Subject);
        var basic = Assert.IsType<X509BasicConstraintsExtension>(ca.Certificate.Extensions["2.5.29.19"]);
        Assert.True(basic.CertificateAuthority);
        Assert.Empty(ca.NameConstraints);
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(ca.CertificatePath));
    }

    [Fact]
    public void LoadOrCreate_WithNameConstraints_RecordsThemCriticalAndRefusesOthersLater()
    {
        using var dir = new TempDirectory();

        using (var ca = CertificateAuthority.LoadOrCreate(dir.Path, ["registry.test", "s3.test"]))
        {
            Assert.Equal(["registry.test", "s3.test"], ca.NameConstraints);
            Assert.True(ca.Certificate.Extensions["2.5.29.30"]!.Critical);
        }

        var error = Assert.Throws<InputException>(() => CertificateAuthority.LoadOrCreate(dir.Path, ["other.test"]));
        Assert.Contains("registry.test,s3.test", error.Message);
        using var same = CertificateAuthority.LoadOrCreate(dir.Path, ["S3.test", "registry.test"]);
        Assert.False(same.Created);
    }

    [Theory]
    [InlineData("not a host!")]
    [InlineData("-bad.example")]
    public void LoadOrCreate_InvalidConstraint_IsAnInputError(string host)
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<InputException>(() => CertificateAuthority.LoadOrCreate(dir.Path, [host]));

        Assert.Contains(host, error.Message);
    }

    [Fact]
    public void Load_Missing_IsAnInputErrorNamingTheFix()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<InputException>(() => CertificateAuthority.Load(dir.Path));

        Assert.Contains("regdiag ca init", error.Message);
    }

    [Fact]
    public void Export_EveryFormat_CarriesTheCertificateAndNoKey()
    {
        using var dir = new TempDirectory();
        using var ca = CertificateAuthority.LoadOrCreate(dir.Path);

        using var fromPem = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(ca.Export(CaExportFormat.Pem)));
        using var fromDer = X509CertificateLoader.LoadCertificate(ca.Export(CaExportFormat.Der));
        var fromP12 = X509CertificateLoader.LoadPkcs12Collection(ca.Export(CaExportFormat.P12), null);

        Assert.Equal(ca.Certificate.Thumbprint, fromPem.Thumbprint);
        Assert.Equal(ca.Certificate.Thumbprint, fromDer.Thumbprint);
        Assert.Equal(ca.Certificate.Thumbprint, Assert.Single(fromP12).Thumbprint);
        Assert.False(fromP12[0].HasPrivateKey);
    }
}
