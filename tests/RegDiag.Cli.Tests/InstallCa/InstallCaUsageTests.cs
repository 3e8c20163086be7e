namespace RegDiag.Cli.Tests.InstallCa;

/// <summary>install-ca.sh's command line: help, and one-line errors with exit code 2 that change nothing.</summary>
public sealed class InstallCaUsageTests
{
    [Fact]
    public async Task Help_Asked_PrintsUsageAndExitsZero()
    {
        var result = await InstallCaScript.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: install-ca.sh", result.Stdout);
        foreach (var option in new[] { "--ca", "--registry", "--docker-proxy", "--uninstall", "--dry-run", "--root" })
        {
            Assert.Contains(option, result.Stdout);
        }
    }

    [Theory]
    [InlineData("unknown option --frobnicate", "--frobnicate")]
    [InlineData("unexpected argument extra", "extra")]
    [InlineData("--registry needs a value", "--registry")]
    [InlineData("is not HOST or HOST:PORT", "--registry", "../../etc/cron.d")]
    [InlineData("is not HOST or HOST:PORT", "--registry", "registry.test/v2")]
    [InlineData("is not an http:// or https:// URL", "--docker-proxy", "socks5://127.0.0.1:1080")]
    [InlineData("--store must be", "--store", "windows")]
    [InlineData("--uninstall takes no --ca", "--uninstall", "--registry", "registry.test")]
    public async Task BadArguments_Given_OneLineErrorExitTwoAndNothingWritten(string message, params string[] arguments)
    {
        using var root = new FakeRoot();

        var result = await InstallCaScript.RunAsync(["--root", root.Path, .. arguments], environment: null);

        AssertUsageError(result, message);
        Assert.Empty(root.Snapshot());
    }

    [Theory]
    [InlineData("does not exist", null)]
    [InlineData("contains a private key", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n")]
    [InlineData("is not a PEM certificate", "not a certificate\n")]
    [InlineData("openssl cannot read it", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n")]
    public async Task BadCaFile_Given_OneLineErrorExitTwoAndNothingWritten(string message, string? content)
    {
        using var root = new FakeRoot();
        var ca = content == null ? root.At("/missing.crt") : root.WriteWork("bad.crt", content);

        var result = await InstallCaScript.RunAsync("--root", root.Path, "--ca", ca, "--store", "none");

        AssertUsageError(result, message);
        Assert.Empty(root.Snapshot());
    }

    [Fact]
    public async Task NoCaOption_RegdiagNotOnPath_SaysHowToNameTheCa()
    {
        using var root = new FakeRoot();

        var result = await InstallCaScript.RunAsync(["--root", root.Path, "--store", "none"],
            new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin", ["REGDIAG"] = "regdiag-not-installed" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pass --ca FILE", result.Stderr);
        Assert.Empty(root.Snapshot());
    }

    private static void AssertUsageError(RegDiag.Testing.ExternalTool.Result result, string message)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("install-ca.sh: ", line);
        Assert.Contains(message, line);
    }
}
