using RegDiag.Testing;

namespace RegDiag.Cli.Tests.InstallCa;

/// <summary>
/// One real run against this machine's Debian trust store (test.sh runs as root), undone at the end.
/// Without root it checks the script refuses instead of half-installing.
/// </summary>
public sealed class InstallCaSystemStoreTests
{
    private const string SystemBundle = "/etc/ssl/certs/ca-certificates.crt";
    private const string SystemManifest = "/var/lib/regdiag/install-ca.manifest";

    [Fact]
    public async Task RealDebianStore_InstallThenUninstall_TrustedThenGoneWithoutTrace()
    {
        using var work = new TempDirectory("regdiag-install-ca-real");
        var certs = TestCertificates.Create();
        var ca = work.Combine("ca.crt");
        var leaf = work.Combine("leaf.pem");
        File.WriteAllText(ca, certs.CaPem);
        File.WriteAllText(leaf, certs.LeafPem);
        var registry = $"registry.test:{Random.Shared.Next(20000, 60000)}";

        if (Environment.UserName != "root")
        {
            var refused = await InstallCaScript.RunAsync("--ca", ca, "--registry", registry);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("must run as root", refused.Stderr);
            return;
        }

        ExternalTool.Require("update-ca-certificates");
        Assert.False(File.Exists(SystemManifest),
            $"{SystemManifest} exists: an earlier install-ca.sh run is still in place; undo it with install-ca.sh --uninstall");
        var bundleBefore = File.ReadAllBytes(SystemBundle);
        var certsBefore = Directory.GetFileSystemEntries("/etc/ssl/certs").Order().ToArray();
        Assert.NotEqual(0, (await ExternalTool.RunAsync("openssl", ["verify", "-CAfile", SystemBundle, leaf])).ExitCode);

        try
        {
            var install = await InstallCaScript.RunAsync("--ca", ca, "--registry", registry);
            Assert.True(install.ExitCode == 0, install.Output);
            Assert.Equal(0, (await ExternalTool.RunAsync("openssl", ["verify", "-CAfile", SystemBundle, leaf])).ExitCode);
            Assert.Equal(0, (await ExternalTool.RunAsync("openssl", ["verify", "-CApath", "/etc/ssl/certs", leaf])).ExitCode);
            Assert.Equal(certs.CaPem, File.ReadAllText($"/etc/docker/certs.d/{registry}/ca.crt"));
        }
        finally
        {
            var uninstall = await InstallCaScript.RunAsync("--uninstall");
            Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        }

        Assert.NotEqual(0, (await ExternalTool.RunAsync("openssl", ["verify", "-CAfile", SystemBundle, leaf])).ExitCode);
        Assert.False(Directory.Exists($"/etc/docker/certs.d/{registry}"));
        Assert.False(File.Exists("/usr/local/share/ca-certificates/regdiag-ca.crt"));
        Assert.False(File.Exists(SystemManifest));
        Assert.Equal(certsBefore, Directory.GetFileSystemEntries("/etc/ssl/certs").Order().ToArray());
        Assert.Equal(bundleBefore, File.ReadAllBytes(SystemBundle));
    }
}
