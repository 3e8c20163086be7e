using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Tests.Support;

namespace RegDiag.Doctor.Tests;

/// <summary>The doctor against Debian's real registry (distribution 2.8.2) with TLS from a test CA.</summary>
public sealed class DebianRegistryTests : IAsyncLifetime
{
    private DebianRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await DebianRegistry.StartAsync(tls: true);

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    private DoctorOptions Healthy() => new()
    {
        Target = RegistryTarget.Parse($"registry.test:{_registry.Port}"),
        CaFile = _registry.Pki!.CaPath,
        Image = $"registry.test:{_registry.Port}/group/project/app:1.0",
        DebugAddress = $"127.0.0.1:{_registry.DebugPort}",
        ProbePushRepository = "group/project/doctor-probe",
    };

    [Fact]
    public async Task Doctor_HealthyRegistryWithCaFile_AllChecksPass()
    {
        var run = await DoctorRun.RunAsync(Healthy() with { Logs = [_registry.SaveLog()] });

        foreach (var id in new[] { CheckIds.Reachability, CheckIds.Tls, CheckIds.Api, CheckIds.Auth, CheckIds.Clock, CheckIds.Name, CheckIds.Debug, CheckIds.Logs, CheckIds.ProbePush, CheckIds.BodySize, CheckIds.Latency, CheckIds.Stability })
        {
            run.Expect(id, CheckStatus.Pass);
        }
        run.Expect(CheckIds.S3, CheckStatus.Skipped);
        // distribution takes a 2 MiB layer in one PATCH and cancels the session with 204.
        Assert.Contains("Range 0-2097151", run[CheckIds.BodySize].Finding);
        Assert.Contains(run[CheckIds.BodySize].Evidence, e => e.StartsWith("ok   large upload: cancel: DELETE -> 204", StringComparison.Ordinal));
        Assert.StartsWith("storage calls are quick", run[CheckIds.Latency].Finding);
        Assert.Equal(0, run.Report.ExitCode);
        Assert.Contains("through --ca-file", run[CheckIds.Tls].Finding);
        Assert.Contains("registry/2.0", run[CheckIds.Api].Finding);
        Assert.Contains("cleaned up", run[CheckIds.ProbePush].Finding);
        Assert.Contains(run.Report.Exchanges, e => e.Request.Method == "PATCH" && e.Response?.Status == 202 && e.Source == "probe");
    }

    [Fact]
    public async Task Logs_AfterProbePush_BenignLinesOfHealthyPushAreNotFlagged()
    {
        // The push leaves 404 BLOB_UNKNOWN HEADs and upload lines in the log, the large upload a cancelled
        // session, the latency check lookups of an absent blob; none of them is a failure.
        await DoctorRun.RunAsync(Healthy() with { Only = [CheckIds.ProbePush, CheckIds.BodySize, CheckIds.Latency] });
        var log = _registry.SaveLog();
        Assert.Contains("blob unknown", await File.ReadAllTextAsync(log), StringComparison.OrdinalIgnoreCase);

        var run = await DoctorRun.RunAsync(new DoctorOptions { Logs = [log] });

        run.Expect(CheckIds.Logs, CheckStatus.Pass);
    }

    [Fact]
    public async Task Tls_WithoutCaFile_FailsWithUnknownAuthorityAndCertsDFix()
    {
        var run = await DoctorRun.RunAsync(Healthy() with { CaFile = null });

        var tls = run.Expect(CheckIds.Tls, CheckStatus.Fail);
        Assert.Contains("unknown authority", tls.Finding);
        Assert.Contains($"/etc/docker/certs.d/registry.test:{_registry.Port}/ca.crt", tls.Fix);
        run.Expect(CheckIds.Reachability, CheckStatus.Pass);
        run.Expect(CheckIds.Api, CheckStatus.Skipped);
        Assert.Equal(1, run.Report.ExitCode);
    }

    [Fact]
    public async Task Tls_HostNameNotInCertificate_FailsNamingTheHost()
    {
        // 127.0.0.2 is loopback too but not among the certificate's names.
        var run = await DoctorRun.RunAsync(Healthy() with
        {
            Target = RegistryTarget.Parse($"127.0.0.2:{_registry.Port}"),
            Only = [CheckIds.Tls],
        });

        // The registry listens on 127.0.0.1 only: 127.0.0.2 is refused, which reachability reports.
        run.Expect(CheckIds.Reachability, CheckStatus.Fail);
    }

    [Fact]
    public async Task Reachability_PlainHttpClientOnTlsPort_FailsSayingItSpeaksHttps()
    {
        var run = await DoctorRun.RunAsync(Healthy() with { Target = RegistryTarget.Parse($"http://registry.test:{_registry.Port}") });

        var reach = run.Expect(CheckIds.Reachability, CheckStatus.Fail);
        Assert.Contains("speaks HTTPS", reach.Finding);
        Assert.Contains($"https://registry.test:{_registry.Port}", reach.Fix);
    }

    [Fact]
    public async Task ProbePush_InvalidRepositoryName_FailsWithSuggestion()
    {
        var run = await DoctorRun.RunAsync(Healthy() with { ProbePushRepository = "Group/Probe-" });

        var probe = run.Expect(CheckIds.ProbePush, CheckStatus.Fail);
        Assert.Contains("group/probe", probe.Fix);
    }
}
