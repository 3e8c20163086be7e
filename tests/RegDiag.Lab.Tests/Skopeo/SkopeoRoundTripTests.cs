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
        var skopeo = new Support.Skopeo(lab, temp);
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
}
