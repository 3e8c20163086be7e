using RegDiag.Lab.Tests.Support;
using RegDiag.Testing;

namespace RegDiag.Lab.Tests.Skopeo;

public sealed class SkopeoRoundTripTests
{
    [Fact]
    public async Task Skopeo_PushAndPullMultiLayerImageOverTls_ImageComesBackIdentical()
    {
        using var temp = new TempDirectory();
        await using var lab = await LabHost.StartAsync(new LabOptions
        {
            RegDiagHome = temp.Combine("home"),
            Hostnames = ["lab.test"],
        });
        var image = OciImageLayout.Write(temp.Combine("src"), "v1", 200_000, 50_000, 3_000);
        var skopeo = new SkopeoRunner(temp, lab.CaCertificatePath);
        var reference = $"lab.test:{lab.RegistryPort}/group/project/image:v1";

        var push = await skopeo.PushAsync(image.Directory, "v1", reference);
        Assert.True(push.ExitCode == 0, push.Output);
        var pull = await skopeo.PullAsync(reference, temp.Combine("dst"), "v1");
        Assert.True(pull.ExitCode == 0, pull.Output);

        foreach (var layer in image.LayerDigests)
        {
            var hex = layer["sha256:".Length..];
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(image.Directory, "blobs", "sha256", hex)),
                File.ReadAllBytes(temp.Combine("dst", "blobs", "sha256", hex)));
        }
        Assert.True(File.Exists(Path.Combine(lab.DataDirectory!, "docker/registry/v2/repositories/group/project/image/_manifests/tags/v1/current/link")));
    }

    [Fact]
    public async Task Skopeo_PushAndPullWithTokenAuth_Succeeds()
    {
        using var temp = new TempDirectory();
        await using var lab = await LabHost.StartAsync(new LabOptions
        {
            RegDiagHome = temp.Combine("home"),
            Hostnames = ["registry.test"],
            Auth = LabAuthMode.Token,
            Users = [new LabUser("bob", "builder")],
        });
        var image = OciImageLayout.Write(temp.Combine("src"), "v2", 10_000, 4_000);
        var skopeo = new SkopeoRunner(temp, lab.CaCertificatePath, credentials: "bob:builder");
        var reference = $"registry.test:{lab.RegistryPort}/team/app:v2";

        var push = await skopeo.PushAsync(image.Directory, "v2", reference);
        var pull = await skopeo.PullAsync(reference, temp.Combine("dst"), "v2");

        Assert.True(push.ExitCode == 0, push.Output);
        Assert.True(pull.ExitCode == 0, pull.Output);
        Assert.True(File.Exists(temp.Combine("dst", "blobs", "sha256", image.ConfigDigest["sha256:".Length..])));
    }

    [Fact]
    public async Task Skopeo_PushOverPlainHttp_WorksWithoutTlsAndFailsWithIt()
    {
        using var temp = new TempDirectory();
        await using var lab = await LabHost.StartAsync(new LabOptions { RegDiagHome = temp.Combine("home"), PlainHttp = true });
        var image = OciImageLayout.Write(temp.Combine("src"), "v1", 1_000);
        var reference = $"docker://lab.test:{lab.RegistryPort}/plain:v1";

        var insecure = await ExternalTool.RunAsync("skopeo", ["copy", "--dest-tls-verify=false", $"oci:{image.Directory}:v1", reference]);
        var secure = await ExternalTool.RunAsync("skopeo", ["copy", "--retry-times", "0", $"oci:{image.Directory}:v1", reference]);

        Assert.Null(lab.CaCertificatePath);
        Assert.True(insecure.ExitCode == 0, insecure.Output);
        Assert.NotEqual(0, secure.ExitCode);
        Assert.Contains("http: server gave HTTP response to HTTPS client", secure.Output);
    }
}
