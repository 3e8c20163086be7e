using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using RegDiag.Testing;

namespace RegDiag.Cli.Tests.Ca;

public sealed class CaCommandTests
{
    [Fact]
    public async Task InitThenPath_NewCaDir_CreatesOnceAndPathPrintsOnlyThePem()
    {
        using var dir = new TempDirectory();
        var caDir = dir.Combine("ca");

        var (initCode, initOut, _) = await Run("ca", "init", "--ca-dir", caDir);
        var (pathCode, pathOut, pathErr) = await Run("ca", "path", "--ca-dir", caDir);

        Assert.Equal(0, initCode);
        Assert.StartsWith("Created CA ", initOut);
        Assert.Equal(0, pathCode);
        Assert.Equal(Path.Combine(caDir, "regdiag-ca.pem") + Environment.NewLine, pathOut);
        Assert.Empty(pathErr);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(caDir, "regdiag-ca.key")));
        var (_, again, _) = await Run("ca", "init", "--ca-dir", caDir);
        Assert.StartsWith("Using existing CA ", again);
    }

    [Fact]
    public async Task Init_JsonWithNameConstraints_PrintsTheRecord()
    {
        using var dir = new TempDirectory();

        var (code, stdout, _) = await Run("ca", "init", "--ca-dir", dir.Path, "--name-constraints", "registry.test,s3.test", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["registry.test", "s3.test"], json.RootElement.GetProperty("nameConstraints").EnumerateArray().Select(e => e.GetString()));
        Assert.True(json.RootElement.GetProperty("created").GetBoolean());
        Assert.Equal(64, json.RootElement.GetProperty("sha256Fingerprint").GetString()!.Length);
    }

    [Fact]
    public async Task Init_ConstraintsDifferingFromTheExistingCa_IsAUsageErrorOnOneLine()
    {
        using var dir = new TempDirectory();
        await Run("ca", "init", "--ca-dir", dir.Path, "--name-constraints", "registry.test");

        var (code, _, stderr) = await Run("ca", "init", "--ca-dir", dir.Path, "--name-constraints", "other.test");

        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("--ca-dir", stderr);
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    [InlineData("p12")]
    public async Task Export_EachFormat_WritesTheCaCertificate(string format)
    {
        using var dir = new TempDirectory();
        var output = dir.Combine("ca." + format);

        var (code, _, stderr) = await Run("ca", "export", "--ca-dir", dir.Combine("ca"), "--format", format, "--output", output);

        Assert.True(code == 0, stderr);
        var exported = format == "p12"
            ? X509CertificateLoader.LoadPkcs12CollectionFromFile(output, null)[0]
            : X509CertificateLoader.LoadCertificateFromFile(output);
        var ca = X509CertificateLoader.LoadCertificateFromFile(dir.Combine("ca", "regdiag-ca.pem"));
        Assert.Equal(ca.Thumbprint, exported.Thumbprint);
        Assert.False(exported.HasPrivateKey);
    }

    [Fact]
    public async Task Export_UnknownFormat_IsAUsageError()
    {
        using var dir = new TempDirectory();

        var (code, _, stderr) = await Run("ca", "export", "--ca-dir", dir.Path, "--format", "jks");

        Assert.Equal(2, code);
        Assert.Contains("jks", stderr);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
