using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Tests.Support;
using RegDiag.Lab.Scenarios;

namespace RegDiag.Doctor.Tests.Lab;

/// <summary>The doctor against the lab: healthy, then each fault scenario the doctor can see from outside.</summary>
public sealed class LabDoctorTests
{
    private static DoctorOptions Options(LabFixture fixture) => fixture.DoctorOptions();

    [Fact]
    public async Task Doctor_HealthyLab_AllRelevantChecksPass()
    {
        await using var fixture = await LabFixture.StartAsync();

        var run = await DoctorRun.RunAsync(Options(fixture) with { Logs = [fixture.LogPath] });

        run.ExpectOthersPassOrSkip();
        foreach (var id in new[] { CheckIds.Reachability, CheckIds.Tls, CheckIds.Api, CheckIds.Auth, CheckIds.Clock, CheckIds.Name, CheckIds.Debug, CheckIds.Logs, CheckIds.ProbePush, CheckIds.BodySize, CheckIds.Latency, CheckIds.Stability })
        {
            run.Expect(id, CheckStatus.Pass);
        }
        var auth = run[CheckIds.Auth];
        Assert.Contains("gets pull and push on group/project/app", auth.Finding);
        Assert.Contains(auth.Evidence, e => e.StartsWith("iss: regdiag-lab-token-issuer", StringComparison.Ordinal));
        Assert.Contains(run[CheckIds.Clock].Evidence, e => e.StartsWith("token iat", StringComparison.Ordinal));
        // The token request and the authenticated pushes are recorded.
        Assert.Contains(run.Report.Exchanges, e => e.Request.Url.Contains("/auth/token", StringComparison.Ordinal));
        Assert.Contains(run.Report.Exchanges, e => e.Request.Method == "PUT" && e.Response?.Status == 201);
        // The large upload streamed 2 MiB in one PATCH and is recorded by size, not held in memory.
        Assert.Contains("2 MiB blob chunk in one PATCH got through (Range 0-2097151", run[CheckIds.BodySize].Finding);
        Assert.Contains(run.Report.Exchanges, e => e.Request.Method == "PATCH" && e.Request.Body.Size == 2 * 1024 * 1024 && e.Request.Body.Sha256 != null);
        Assert.Contains(run[CheckIds.BodySize].Evidence, e => e.StartsWith("ok   large upload: cancel: DELETE -> 204", StringComparison.Ordinal));
        Assert.StartsWith("storage calls are quick", run[CheckIds.Latency].Finding);
        Assert.StartsWith("all ", run[CheckIds.Stability].Finding);
    }

    [Fact]
    public async Task Auth_InsufficientScopeScenario_FailsNamingTheMissingPush()
    {
        await using var fixture = await LabFixture.StartAsync(LabScenarios.InsufficientScope);

        var run = await DoctorRun.RunAsync(Options(fixture) with { ProbePushRepository = null });

        var auth = run.Expect(CheckIds.Auth, CheckStatus.Fail);
        Assert.Contains("insufficient scope", auth.Finding);
        Assert.Contains("not push", auth.Finding);
        run.ExpectOthersPassOrSkip(CheckIds.Auth);
    }

    [Fact]
    public async Task Auth_TokenExpiredScenario_FailsNamingTheLifetimeAgainstTheAnnouncement()
    {
        await using var fixture = await LabFixture.StartAsync(LabScenarios.TokenExpired);

        var run = await DoctorRun.RunAsync(Options(fixture));

        var auth = run.Expect(CheckIds.Auth, CheckStatus.Fail);
        Assert.Contains("tokens expire 2 s after they are issued", auth.Finding);
        Assert.Contains("announces 300 s (expires_in)", auth.Finding);
        Assert.Contains("container_registry_token_expire_delay", auth.Fix);
        Assert.Contains(auth.Evidence, e => e.StartsWith("token lifetime 2 s", StringComparison.Ordinal));
        // The token itself never appears, only what its claims say.
        Assert.DoesNotContain(run.Report.Checks.SelectMany(c => c.Evidence.Append(c.Finding)), e => e.Contains("eyJ", StringComparison.Ordinal));
        run.ExpectOthersPassOrSkip(CheckIds.Auth);
    }

    [Fact]
    public async Task Stability_FlakyScenario_FailsCountingRequestsThatWorkedWhenRepeated()
    {
        await using var fixture = await LabFixture.StartAsync(LabScenarios.Flaky);

        var run = await DoctorRun.RunAsync(Options(fixture));

        var stability = run.Expect(CheckIds.Stability, CheckStatus.Fail);
        Assert.Matches(@"^\d+ of \d+ requests failed \((500 UNKNOWN|503 UNAVAILABLE) ×\d+", stability.Finding);
        Assert.Contains("worked when sent again", stability.Finding);
        Assert.Contains("load balancer", stability.Fix);
        Assert.Contains(stability.Evidence, e => e.Contains("then answered on attempt", StringComparison.Ordinal));
        Assert.Contains(run[CheckIds.ProbePush].Evidence, e => e.EndsWith("worked only when repeated after a transient failure (see stability)", StringComparison.Ordinal));
        // The other checks see through the failures, as Docker's retries would.
        run.ExpectOthersPassOrSkip(CheckIds.Stability);
    }

    [Fact]
    public async Task BodySize_BodyTooLargeScenario_FailsNamingNginxAndItsLimit()
    {
        await using var fixture = await LabFixture.StartAsync(LabScenarios.BodyTooLarge);

        var run = await DoctorRun.RunAsync(Options(fixture));

        var body = run.Expect(CheckIds.BodySize, CheckStatus.Fail);
        Assert.Contains("a 2 MiB request body is refused with 413 Request Entity Too Large by an nginx", body.Finding);
        Assert.Contains("client_max_body_size 0", body.Fix);
        Assert.Contains("nginx.ingress.kubernetes.io/proxy-body-size", body.Fix);
        Assert.Contains("Server: nginx", body.Evidence);
        Assert.Contains(body.Evidence, e => e.Contains("page title: 413 Request Entity Too Large", StringComparison.Ordinal));
        // The 4 KiB probe push is under the limit: small pushes work, which is the point of the finding.
        run.ExpectOthersPassOrSkip(CheckIds.BodySize);
        // The upload session the 413 left behind is cancelled.
        Assert.Contains(run.Report.Exchanges, e => e.Request.Method == "DELETE" && e.Request.Url.Contains("/blobs/uploads/", StringComparison.Ordinal) && e.Response?.Status == 204);
    }

    [Fact]
    public async Task Latency_SlowStorageScenario_FailsWithTheStorageRoundTripAndTheSlowestRequest()
    {
        await using var fixture = await LabFixture.StartAsync(LabScenarios.SlowStorage);

        var run = await DoctorRun.RunAsync(Options(fixture));

        var latency = run.Expect(CheckIds.Latency, CheckStatus.Fail);
        Assert.StartsWith("storage is slow: each storage call takes about ", latency.Finding);
        Assert.Contains("the slowest probe-push request, PUT /v2/group/", latency.Finding);
        Assert.Contains("registry_storage_action_seconds", latency.Fix);
        Assert.Contains(latency.Evidence, e => e.StartsWith("HEAD of an absent blob in group/project/doctor-probe (one storage lookup): fastest of 3", StringComparison.Ordinal));
        Assert.Contains(latency.Evidence, e => e.StartsWith("storage round trip ≈ ", StringComparison.Ordinal));
        // Slow, not broken: the push itself and everything else still pass.
        run.ExpectOthersPassOrSkip(CheckIds.Latency);
    }

    [Fact]
    public async Task ProbePush_InsufficientScopeScenario_FailsAtTheFirstWrite()
    {
        await using var fixture = await LabFixture.StartAsync(LabScenarios.InsufficientScope);

        var run = await DoctorRun.RunAsync(Options(fixture) with { Only = [CheckIds.ProbePush] });

        var probe = run.Expect(CheckIds.ProbePush, CheckStatus.Fail);
        Assert.Contains("start upload", probe.Finding);
    }

    [Fact]
    public async Task Debug_UnhealthyScenario_DebugAndApiFailNamingTheStorageCheck()
    {
        await using var fixture = await LabFixture.StartAsync(LabScenarios.DebugUnhealthy);

        var run = await DoctorRun.RunAsync(Options(fixture) with { ProbePushRepository = null });

        var debug = run.Expect(CheckIds.Debug, CheckStatus.Fail);
        Assert.Contains("storagedriver", debug.Finding);
        var api = run.Expect(CheckIds.Api, CheckStatus.Fail);
        Assert.Contains("503", api.Finding);
    }

    [Fact]
    public async Task Auth_WrongPassword_FailsSayingCredentialsRejected()
    {
        await using var fixture = await LabFixture.StartAsync();

        var run = await DoctorRun.RunAsync(Options(fixture) with { Password = "wrong", ProbePushRepository = null });

        var auth = run.Expect(CheckIds.Auth, CheckStatus.Fail);
        Assert.Contains("rejects the credentials of alice", auth.Finding);
        run.ExpectOthersPassOrSkip(CheckIds.Auth);
    }

    [Fact]
    public async Task ProbePush_GitLabNamesScenarioWithDoubleHyphen_NameWarnsAndPushFailsWith400()
    {
        await using var fixture = await LabFixture.StartAsync(LabScenarios.GitLabNames);

        var run = await DoctorRun.RunAsync(Options(fixture) with
        {
            Image = $"{fixture.Lab.RegistryHost}/group/my--project:1.0",
            ProbePushRepository = "group/my--project",
            Only = [CheckIds.Name, CheckIds.ProbePush],
        });

        var name = run.Expect(CheckIds.Name, CheckStatus.Warn);
        Assert.Contains("'my--project'", name.Finding);
        Assert.Contains("group/my-project", name.Fix);
        var probe = run.Expect(CheckIds.ProbePush, CheckStatus.Fail);
        Assert.Contains("-> 400", probe.Finding);
        Assert.Contains("NAME_INVALID", probe.Fix);
    }
}
