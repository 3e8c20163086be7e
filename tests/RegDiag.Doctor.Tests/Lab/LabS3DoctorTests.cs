using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Tests.Support;
using RegDiag.Lab;
using RegDiag.Lab.Scenarios;

namespace RegDiag.Doctor.Tests.Lab;

/// <summary>The doctor against the lab with S3 storage, reading the lab's own config.yml, healthy and per S3 scenario.</summary>
public sealed class LabS3DoctorTests
{
    private static DoctorOptions Options(LabFixture fixture) => fixture.DoctorOptions() with { RegistryConfigPath = fixture.Lab.ConfigPath };

    [Fact]
    public async Task Doctor_HealthyS3Lab_AllChecksPassAndProbeReadsThroughTheRedirect()
    {
        await using var fixture = await LabFixture.StartAsync(LabStorageKind.S3);

        var run = await DoctorRun.RunAsync(Options(fixture) with { Logs = [fixture.LogPath] });

        run.ExpectOthersPassOrSkip();
        var s3 = run.Expect(CheckIds.S3, CheckStatus.Pass);
        Assert.Contains("all 9 S3 actions", s3.Finding);
        Assert.Contains(run[CheckIds.Clock].Evidence, e => e.StartsWith("object store Date header", StringComparison.Ordinal));
        var probe = run.Expect(CheckIds.ProbePush, CheckStatus.Pass);
        Assert.Contains("through the storage redirect", probe.Finding);
        Assert.Contains(run.Report.Exchanges, e => e.Request.Url.Contains("X-Amz-Signature", StringComparison.Ordinal) && e.Response?.Status == 200);
    }

    [Fact]
    public async Task ProbePush_S3HeadForbiddenScenario_FailsAtTheStorageHopWithTheIamHint()
    {
        await using var fixture = await LabFixture.StartAsync(LabStorageKind.S3, LabScenarios.S3HeadForbidden);

        var run = await DoctorRun.RunAsync(Options(fixture));

        var probe = run.Expect(CheckIds.ProbePush, CheckStatus.Fail);
        Assert.Contains("(storage)", probe.Finding);
        Assert.Contains("403", probe.Finding);
        Assert.Contains("s3:GetObject", probe.Fix);
        run.ExpectOthersPassOrSkip(CheckIds.ProbePush);
    }

    [Fact]
    public async Task S3_PutForbiddenScenario_FailsWithTheMissingPolicyStatement()
    {
        await using var fixture = await LabFixture.StartAsync(LabStorageKind.S3, LabScenarios.S3PutForbidden);

        var run = await DoctorRun.RunAsync(Options(fixture) with { ProbePushRepository = null });

        var s3 = run.Expect(CheckIds.S3, CheckStatus.Fail);
        Assert.Contains("s3:PutObject", s3.Finding);
        Assert.Contains("AbortMultipartUpload could not be tried", s3.Finding);
        Assert.Contains("\"Action\":[\"s3:PutObject\"]", s3.Fix);
        Assert.Contains("arn:aws:s3:::", s3.Fix);
        run.ExpectOthersPassOrSkip(CheckIds.S3);
    }

    [Fact]
    public async Task S3_BadCredentialsScenario_FailsWithSignatureDoesNotMatch()
    {
        await using var fixture = await LabFixture.StartAsync(LabStorageKind.S3, LabScenarios.BadCredentials);

        var run = await DoctorRun.RunAsync(Options(fixture) with { ProbePushRepository = null, Only = [CheckIds.S3] });

        var s3 = run.Expect(CheckIds.S3, CheckStatus.Fail);
        Assert.Contains("secret key is wrong (SignatureDoesNotMatch)", s3.Finding);
    }

    [Fact]
    public async Task S3_WrongRegionScenario_FailsNamingTheBucketsRegion()
    {
        await using var fixture = await LabFixture.StartAsync(LabStorageKind.S3, LabScenarios.WrongRegion);

        var run = await DoctorRun.RunAsync(Options(fixture) with { ProbePushRepository = null, Only = [CheckIds.S3] });

        var s3 = run.Expect(CheckIds.S3, CheckStatus.Fail);
        Assert.Contains("eu-central-1", s3.Finding + s3.Fix);
    }

    [Fact]
    public async Task Clock_S3ClockSkewScenario_ClockAndS3FailNamingTheObjectStore()
    {
        await using var fixture = await LabFixture.StartAsync(LabStorageKind.S3, LabScenarios.ClockSkew);

        var run = await DoctorRun.RunAsync(Options(fixture) with { ProbePushRepository = null });

        var clock = run.Expect(CheckIds.Clock, CheckStatus.Fail);
        Assert.Contains("object store", clock.Finding);
        Assert.Contains("30 min", clock.Finding);
        var s3 = run.Expect(CheckIds.S3, CheckStatus.Fail);
        Assert.Contains("RequestTimeTooSkewed", s3.Finding);
    }
}
