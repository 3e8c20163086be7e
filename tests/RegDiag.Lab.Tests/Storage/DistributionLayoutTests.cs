using RegDiag.Lab.Tests.Support;
using RegDiag.Testing;

namespace RegDiag.Lab.Tests.Storage;

/// <summary>The lab writes distribution's storage layout: the real registry serves what the lab stored.</summary>
public sealed class DistributionLayoutTests
{
    [Fact]
    public async Task DebianRegistry_OnLabData_ServesImagePushedToLab()
    {
        using var temp = new TempDirectory();
        await using var lab = await LabHost.StartAsync(new LabOptions { RegDiagHome = temp.Combine("home"), Hostnames = ["lab.test"] });
        var image = OciImageLayout.Write(temp.Combine("src"), "v1", 30_000, 2_000);
        var skopeo = new SkopeoRunner(temp, lab.CaCertificatePath);
        var push = await skopeo.PushAsync(image.Directory, "v1", $"lab.test:{lab.RegistryPort}/group/project/app:v1");
        Assert.True(push.ExitCode == 0, push.Output);

        var port = FreeLoopbackPort.Next();
        var config = File.ReadAllText(lab.ConfigPath)
            .Replace($"addr: \"127.0.0.1:{lab.RegistryPort}\"", $"addr: \"127.0.0.1:{port}\"", StringComparison.Ordinal)
            .Replace($"addr: \"127.0.0.1:{lab.DebugPort}\"", $"addr: \"127.0.0.1:{FreeLoopbackPort.Next()}\"", StringComparison.Ordinal);
        using var registry = await DockerRegistry.StartAsync(temp.Combine("registry.yml"), config, port);

        var pull = await ExternalTool.RunAsync("skopeo", ["copy", "--src-tls-verify=false",
            $"docker://127.0.0.1:{port}/group/project/app:v1", $"oci:{temp.Combine("dst")}:v1"]);

        Assert.True(pull.ExitCode == 0, pull.Output + registry.Output);
        var layer = image.LayerDigests[0]["sha256:".Length..];
        Assert.Equal(File.ReadAllBytes(Path.Combine(image.Directory, "blobs/sha256", layer)),
            File.ReadAllBytes(temp.Combine("dst", "blobs", "sha256", layer)));
        var catalog = await new HttpClient().GetStringAsync($"http://127.0.0.1:{port}/v2/_catalog");
        Assert.Contains("group/project/app", catalog);
    }
}
