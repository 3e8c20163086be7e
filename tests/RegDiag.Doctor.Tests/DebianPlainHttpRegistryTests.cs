using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Tests.Support;

namespace RegDiag.Doctor.Tests;

/// <summary>The doctor against Debian's registry serving plain HTTP.</summary>
public sealed class DebianPlainHttpRegistryTests : IAsyncLifetime
{
    private DebianRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await DebianRegistry.StartAsync(tls: false);

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Fact]
    public async Task Reachability_HttpsExpectedOnPlainHttpPort_FailsWithDockersMessage()
    {
        var run = await DoctorRun.RunAsync(new DoctorOptions { Target = RegistryTarget.Parse($"registry.test:{_registry.Port}") });

        var reach = run.Expect(CheckIds.Reachability, CheckStatus.Fail);
        Assert.Contains("server gave HTTP response to HTTPS client", reach.Finding);
        Assert.Contains("insecure-registries", reach.Fix);
        run.Expect(CheckIds.Tls, CheckStatus.Skipped);
    }

    [Fact]
    public async Task Doctor_PlainHttpRegistryAddressedWithHttp_Passes()
    {
        var run = await DoctorRun.RunAsync(new DoctorOptions
        {
            Target = RegistryTarget.Parse($"http://registry.test:{_registry.Port}"),
            ProbePushRepository = "probe",
            ProbeManifest = false,
        });

        run.ExpectOthersPassOrSkip();
        run.Expect(CheckIds.ProbePush, CheckStatus.Pass);
    }
}
