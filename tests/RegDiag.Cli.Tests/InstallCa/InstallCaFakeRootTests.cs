using RegDiag.Testing;

namespace RegDiag.Cli.Tests.InstallCa;

/// <summary>install-ca.sh for real on a fake root: what it adds, what --uninstall and --dry-run do.</summary>
public sealed class InstallCaFakeRootTests
{
    private const string DropIn = "/etc/systemd/system/docker.service.d/http-proxy.conf";
    private const string Manifest = "/var/lib/regdiag/install-ca.manifest";
    private const string LocalCa = "/usr/local/share/ca-certificates/regdiag-ca.crt";

    [Fact]
    public async Task Install_DebianRootWithRegistriesAndProxy_AddsExactlyTheExpectedFiles()
    {
        using var root = new FakeRoot();
        await root.AddDebianTrustStoreAsync();
        var certs = TestCertificates.Create();
        var ca = root.WriteWork("ca.crt", certs.CaPem);
        var before = root.Snapshot();

        var result = await InstallCaScript.RunAsync("--root", root.Path, "--ca", ca,
            "--registry", "registry.test:5000", "--registry", "other.test",
            "--docker-proxy", "http://127.0.0.1:8080");

        Assert.True(result.ExitCode == 0, result.Output);
        var after = root.Snapshot();
        var hashLink = $"/etc/ssl/certs/{await SubjectHashAsync(ca)}.0";
        string[] expected =
        [
            "/etc/docker", "/etc/docker/certs.d",
            "/etc/docker/certs.d/other.test", "/etc/docker/certs.d/other.test/ca.crt",
            "/etc/docker/certs.d/registry.test:5000", "/etc/docker/certs.d/registry.test:5000/ca.crt",
            "/etc/ssl/certs/regdiag-ca.pem", hashLink,
            "/etc/systemd", "/etc/systemd/system", "/etc/systemd/system/docker.service.d", DropIn,
            LocalCa, "/var", "/var/lib", "/var/lib/regdiag", Manifest,
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), after.Keys.Except(before.Keys).Order(StringComparer.Ordinal));
        // Of what was there, only the bundle changed.
        Assert.Equal(["/etc/ssl/certs/ca-certificates.crt"],
            before.Keys.Where(k => after.GetValueOrDefault(k) != before[k]));

        Assert.Equal(certs.CaPem, File.ReadAllText(root.At("/etc/docker/certs.d/registry.test:5000/ca.crt")));
        Assert.Equal(certs.CaPem, File.ReadAllText(root.At("/etc/docker/certs.d/other.test/ca.crt")));
        Assert.Equal(certs.CaPem, File.ReadAllText(root.At(LocalCa)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(root.At(LocalCa)));
        var dropIn = File.ReadAllLines(root.At(DropIn));
        Assert.Contains("[Service]", dropIn);
        Assert.Contains("Environment=\"HTTP_PROXY=http://127.0.0.1:8080\"", dropIn);
        Assert.Contains("Environment=\"HTTPS_PROXY=http://127.0.0.1:8080\"", dropIn);
        Assert.Contains("Environment=\"NO_PROXY=localhost,127.0.0.1\"", dropIn);
        Assert.Contains("systemctl daemon-reload && systemctl restart docker", result.Stdout);

        var manifest = File.ReadAllLines(root.At(Manifest));
        foreach (var path in new[] { LocalCa, DropIn, "/etc/docker/certs.d/other.test/ca.crt" })
        {
            Assert.Contains("file\t" + path, manifest);
        }
        Assert.Contains("store\tdebian", manifest);

        // The store update was real: OpenSSL now accepts a server certificate the CA signed.
        Assert.Equal(0, (await VerifyAsync(root, certs)).ExitCode);
    }

    [Fact]
    public async Task Uninstall_AfterTwoInstallsOverExistingFiles_RestoresTheRootExactly()
    {
        using var root = new FakeRoot();
        await root.AddDebianTrustStoreAsync();
        root.Write("/etc/docker/certs.d/registry.test:5000/ca.crt", "the registry's own CA\n");
        root.Write(DropIn, "[Service]\nEnvironment=\"HTTPS_PROXY=http://corporate:3128\"\n");
        var first = TestCertificates.Create();
        var second = TestCertificates.Create();
        var before = root.Snapshot();
        Assert.NotEqual(0, (await VerifyAsync(root, first)).ExitCode);

        foreach (var certs in new[] { first, second })
        {
            var ca = root.WriteWork("ca.crt", certs.CaPem);
            var install = await InstallCaScript.RunAsync("--root", root.Path, "--ca", ca,
                "--registry", "registry.test:5000", "--docker-proxy", "http://127.0.0.1:8080");
            Assert.True(install.ExitCode == 0, install.Output);
        }

        // dockerd reads every *.crt in the directory, so the registry's own CA stays beside ours.
        Assert.Equal("the registry's own CA\n", File.ReadAllText(root.At("/etc/docker/certs.d/registry.test:5000/ca.crt")));
        Assert.Equal(second.CaPem, File.ReadAllText(root.At("/etc/docker/certs.d/registry.test:5000/regdiag-ca.crt")));
        Assert.Contains("HTTPS_PROXY=http://127.0.0.1:8080", File.ReadAllText(root.At(DropIn)));
        Assert.NotEqual(0, (await VerifyAsync(root, first)).ExitCode);
        Assert.Equal(0, (await VerifyAsync(root, second)).ExitCode);

        var uninstall = await InstallCaScript.RunAsync("--root", root.Path, "--uninstall");

        Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        Assert.Equal(before, root.Snapshot());
        Assert.NotEqual(0, (await VerifyAsync(root, second)).ExitCode);
        Assert.Contains("systemctl daemon-reload && systemctl restart docker", uninstall.Stdout);
    }

    [Fact]
    public async Task DryRun_Install_ChangesNothingAndNamesEveryChange()
    {
        using var root = new FakeRoot();
        await root.AddDebianTrustStoreAsync();
        var ca = root.WriteWork("ca.crt", TestCertificates.Create().CaPem);
        var before = root.Snapshot();

        var result = await InstallCaScript.RunAsync("--root", root.Path, "--ca", ca, "--dry-run",
            "--registry", "registry.test:5000", "--docker-proxy", "http://127.0.0.1:8080");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(before, root.Snapshot());
        Assert.Contains($"would write {root.At(LocalCa)}", result.Stdout);
        Assert.Contains($"would write {root.At("/etc/docker/certs.d/registry.test:5000/ca.crt")}", result.Stdout);
        Assert.Contains($"would write {root.At(DropIn)}", result.Stdout);
        Assert.Contains("would run: update-ca-certificates", result.Stdout);
        Assert.Contains("nothing was changed", result.Stdout);
    }

    [Fact]
    public async Task DryRun_Uninstall_ChangesNothingAndNamesEveryRemoval()
    {
        using var root = new FakeRoot();
        await root.AddDebianTrustStoreAsync();
        var ca = root.WriteWork("ca.crt", TestCertificates.Create().CaPem);
        var install = await InstallCaScript.RunAsync("--root", root.Path, "--ca", ca, "--registry", "registry.test");
        Assert.True(install.ExitCode == 0, install.Output);
        var installed = root.Snapshot();

        var result = await InstallCaScript.RunAsync("--root", root.Path, "--uninstall", "--dry-run");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(installed, root.Snapshot());
        Assert.Contains($"would remove {root.At(LocalCa)}", result.Stdout);
        Assert.Contains($"would remove {root.At("/etc/docker/certs.d/registry.test/ca.crt")}", result.Stdout);
        Assert.Contains("would run: update-ca-certificates --fresh", result.Stdout);
    }

    [Fact]
    public async Task Install_RhelLayout_PlacesTheAnchorAndUninstallRemovesIt()
    {
        using var root = new FakeRoot();
        Directory.CreateDirectory(root.At("/etc/pki/ca-trust/source/anchors"));
        var certs = TestCertificates.Create();
        var ca = root.WriteWork("ca.crt", certs.CaPem);
        var before = root.Snapshot();

        var install = await InstallCaScript.RunAsync("--root", root.Path, "--ca", ca);

        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Equal(certs.CaPem, File.ReadAllText(root.At("/etc/pki/ca-trust/source/anchors/regdiag-ca.crt")));
        Assert.Contains("skipped under --root: update-ca-trust extract", install.Stdout);
        var uninstall = await InstallCaScript.RunAsync("--root", root.Path, "--uninstall");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        Assert.Equal(before, root.Snapshot());
    }

    [Fact]
    public async Task Install_AlpineOsRelease_UsesTheLocalCertificatesDirectory()
    {
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\n");
        var ca = root.WriteWork("ca.crt", TestCertificates.Create().CaPem);

        var install = await InstallCaScript.RunAsync("--root", root.Path, "--ca", ca);

        Assert.True(install.ExitCode == 0, install.Output);
        Assert.True(File.Exists(root.At(LocalCa)));
        Assert.Contains("skipped under --root: update-ca-certificates", install.Stdout);
        Assert.Contains("store\talpine", File.ReadAllLines(root.At(Manifest)));
    }

    [Fact]
    public async Task Install_StoreNone_WritesOnlyTheDockerCertificates()
    {
        using var root = new FakeRoot();
        var ca = root.WriteWork("ca.crt", TestCertificates.Create().CaPem);
        var before = root.Snapshot();

        var install = await InstallCaScript.RunAsync("--root", root.Path, "--ca", ca, "--store", "none",
            "--registry", "[::1]:5000");

        Assert.True(install.ExitCode == 0, install.Output);
        var added = root.Snapshot().Keys.Except(before.Keys).Where(k => !k.StartsWith("/var", StringComparison.Ordinal));
        Assert.Equal(["/etc", "/etc/docker", "/etc/docker/certs.d", "/etc/docker/certs.d/[::1]:5000",
            "/etc/docker/certs.d/[::1]:5000/ca.crt"], added.Order(StringComparer.Ordinal));
        var uninstall = await InstallCaScript.RunAsync("--root", root.Path, "--uninstall");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        Assert.Equal(before, root.Snapshot());
    }

    [Fact]
    public async Task Install_NoCaOption_InstallsTheCaThatRegdiagCaPathNames()
    {
        using var root = new FakeRoot();
        using var home = new TempDirectory("regdiag-home");
        var regdiag = Path.Combine(AppContext.BaseDirectory, "regdiag");
        var environment = new Dictionary<string, string?> { ["REGDIAG"] = regdiag, ["REGDIAG_HOME"] = home.Path };

        var result = await InstallCaScript.RunAsync(
            ["--root", root.Path, "--store", "none", "--registry", "registry.test"], environment);

        Assert.True(result.ExitCode == 0, result.Output);
        var caPath = (await ExternalTool.RunAsync(regdiag, ["ca", "path"], environment)).Stdout.Trim();
        Assert.StartsWith(home.Path, caPath);
        Assert.Contains($"CA from `regdiag ca path`: {caPath}", result.Stdout);
        Assert.Equal(File.ReadAllText(caPath), File.ReadAllText(root.At("/etc/docker/certs.d/registry.test/ca.crt")));
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(root.At("/etc/docker/certs.d/registry.test/ca.crt")));
    }

    [Fact]
    public async Task Install_DockerProxyWithPercentAndNoProxyList_WritesThemEscapedForSystemd()
    {
        using var root = new FakeRoot();
        var ca = root.WriteWork("ca.crt", TestCertificates.Create().CaPem);

        var result = await InstallCaScript.RunAsync("--root", root.Path, "--ca", ca, "--store", "none",
            "--docker-proxy", "http://user:p%40ss@proxy.test:8080", "--no-proxy", "localhost,.internal");

        Assert.True(result.ExitCode == 0, result.Output);
        var dropIn = File.ReadAllLines(root.At(DropIn));
        Assert.Contains("Environment=\"HTTPS_PROXY=http://user:p%%40ss@proxy.test:8080\"", dropIn);
        Assert.Contains("Environment=\"NO_PROXY=localhost,.internal\"", dropIn);
    }

    [Fact]
    public async Task Uninstall_NothingInstalled_SaysSoAndExitsZero()
    {
        using var root = new FakeRoot();

        var result = await InstallCaScript.RunAsync("--root", root.Path, "--uninstall");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nothing to uninstall", result.Stdout);
        Assert.Empty(root.Snapshot());
    }

    private static async Task<string> SubjectHashAsync(string pemFile)
    {
        var result = await ExternalTool.RunAsync("openssl", ["x509", "-noout", "-subject_hash", "-in", pemFile]);
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Stdout.Trim();
    }

    private static async Task<ExternalTool.Result> VerifyAsync(FakeRoot root, TestCertificates certs)
    {
        var leaf = root.WriteWork("leaf.pem", certs.LeafPem);
        return await ExternalTool.RunAsync("openssl", ["verify", "-CAfile", root.Bundle, leaf]);
    }
}
