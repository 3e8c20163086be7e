using System.Diagnostics;
using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Tests.Support;
using RegDiag.Testing;

namespace RegDiag.Lab.Tests.Skopeo;

/// <summary>Each registry fault scenario, seen through Debian's skopeo: the push fails with the words a user of a real registry sees.</summary>
public sealed class SkopeoScenarioTests
{
    private const string User = "alice:wonderland";

    private static async Task<(ExternalTool.Result Result, TimeSpan Took)> PushAsync(
        Func<LabOptions, LabOptions> configure, string repository = "group/project/image", int[]? layers = null, bool withCredentials = false)
    {
        using var temp = new TempDirectory();
        await using var lab = await LabHost.StartAsync(configure(new LabOptions
        {
            RegDiagHome = temp.Combine("home"),
            Hostnames = ["lab.test"],
        }));
        var image = OciImageLayout.Write(temp.Combine("src"), "v1", layers ?? [20_000, 5_000]);
        var skopeo = new SkopeoRunner(temp, lab.CaCertificatePath, credentials: withCredentials ? User : null);
        var started = Stopwatch.StartNew();
        var result = await skopeo.PushAsync(image.Directory, "v1", $"lab.test:{lab.RegistryPort}/{repository}:v1");
        return (result, started.Elapsed);
    }

    [Fact]
    public async Task DebugUnhealthy_Push_FailsPingingWith503()
    {
        var (result, _) = await PushAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome, Hostnames = o.Hostnames, Scenarios = [LabScenarios.DebugUnhealthy],
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("pinging container registry lab.test:", SkopeoRunner.FatalLine(result));
        Assert.Contains("invalid status code from registry 503 (Service Unavailable)", SkopeoRunner.FatalLine(result));
    }

    [Fact]
    public async Task BodyTooLarge_PushOfLayerAboveLimit_FailsWithNginx413Page()
    {
        var (result, _) = await PushAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome, Hostnames = o.Hostnames, Scenarios = [LabScenarios.BodyTooLarge], BodyLimitBytes = 64 * 1024,
        }, layers: [200_000, 1_000]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("writing blob: uploading layer chunked: StatusCode: 413, <html>\\r\\n<head><title>413 Request Entity Too Large<", SkopeoRunner.FatalLine(result));
    }

    [Fact]
    public async Task GitLabNames_PushToDoubleHyphenName_FailsWhilePlainRegistryAcceptsIt()
    {
        var (rejected, _) = await PushAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome, Hostnames = o.Hostnames, Scenarios = [LabScenarios.GitLabNames],
        }, repository: "group/my--project/image");
        var (accepted, _) = await PushAsync(o => o, repository: "group/my--project/image");

        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("failed to read from destination repository group/my--project/image: 400 (Bad Request)", SkopeoRunner.FatalLine(rejected));
        Assert.True(accepted.ExitCode == 0, accepted.Output);
    }

    [Fact]
    public async Task Flaky_Push_FailsWithInjected5xx()
    {
        var (result, _) = await PushAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome, Hostnames = o.Hostnames, Scenarios = [LabScenarios.Flaky], FlakyRate = 0.5, FlakySeed = 3,
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches("invalid status code from registry 50[03]|received unexpected HTTP status: 50[03]|50[03] \\((Internal Server Error|Service Unavailable)\\)", SkopeoRunner.FatalLine(result));
    }

    [Fact]
    public async Task InsufficientScope_PushWithValidCredentials_FailsDenied()
    {
        var (result, _) = await PushAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome, Hostnames = o.Hostnames, Auth = LabAuthMode.Token, Users = [LabUser.Parse(User)],
            Scenarios = [LabScenarios.InsufficientScope],
        }, withCredentials: true);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("initiating layer upload to /v2/group/project/image/blobs/uploads/ in lab.test:", SkopeoRunner.FatalLine(result));
        Assert.Contains("denied: requested access to the resource is denied", SkopeoRunner.FatalLine(result));
    }

    [Fact]
    public async Task TokenAuth_PushWithCredentials_Succeeds()
    {
        var (result, _) = await PushAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome, Hostnames = o.Hostnames, Auth = LabAuthMode.Token, Users = [LabUser.Parse(User)],
        }, withCredentials: true);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task TokenExpired_PushOutlastingTheToken_FailsUnauthorizedMidway()
    {
        var (result, _) = await PushAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome, Hostnames = o.Hostnames, Auth = LabAuthMode.Token, Users = [LabUser.Parse(User)],
            Scenarios = [LabScenarios.TokenExpired, LabScenarios.SlowStorage],
            ExpiredTokenLifetime = TimeSpan.FromSeconds(1),
            SlowStorageDelay = TimeSpan.FromMilliseconds(150),
        }, withCredentials: true);

        Assert.NotEqual(0, result.ExitCode);
        // Where it breaks depends on timing (blob check, chunk upload); the words do not.
        var line = SkopeoRunner.FatalLine(result);
        Assert.True(line.Contains("writing blob: ") && line.Contains("unauthorized: authentication required"), line);
    }

    [Fact]
    public async Task SlowStorage_Push_SucceedsButTakesLonger()
    {
        var (result, took) = await PushAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome, Hostnames = o.Hostnames, Scenarios = [LabScenarios.SlowStorage],
            SlowStorageDelay = TimeSpan.FromMilliseconds(100),
        });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(took > TimeSpan.FromSeconds(1.5), $"push took {took}");
    }
}
