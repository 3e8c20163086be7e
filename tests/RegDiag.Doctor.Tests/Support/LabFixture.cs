using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Lab;
using RegDiag.Testing;

namespace RegDiag.Doctor.Tests.Support;

/// <summary>A lab registry (token auth, TLS from its CA, its debug server) with a fresh REGDIAG_HOME.</summary>
internal sealed class LabFixture : IAsyncDisposable
{
    public const string User = "alice";
    public const string Password = "alice-secret";

    private readonly TempDirectory _home;

    private LabFixture(TempDirectory home, RunningLab lab, string logPath)
    {
        _home = home;
        Lab = lab;
        LogPath = logPath;
    }

    public RunningLab Lab { get; }

    public string LogPath { get; }

    /// <summary>Doctor options for every online check against this lab; S3 tests add the lab's config.yml.</summary>
    public DoctorOptions DoctorOptions() => new()
    {
        Target = RegistryTarget.Parse(Lab.RegistryHost),
        CaFile = Lab.CaCertificatePath,
        User = User,
        Password = Password,
        Image = $"{Lab.RegistryHost}/group/project/app:1.0",
        DebugAddress = $"127.0.0.1:{Lab.DebugPort}",
        ProbePushRepository = "group/project/doctor-probe",
    };

    public static Task<LabFixture> StartAsync(params string[] scenarios) => StartAsync(LabStorageKind.Filesystem, scenarios);

    public static async Task<LabFixture> StartAsync(LabStorageKind storage, params string[] scenarios)
    {
        var home = new TempDirectory("regdiag-doctor-lab");
        var logPath = home.Combine("registry.log");
        var lab = await LabHost.StartAsync(new LabOptions
        {
            RegDiagHome = home.Path,
            Auth = LabAuthMode.Token,
            Users = [new LabUser(User, Password)],
            Hostnames = ["registry.test"],
            Scenarios = scenarios,
            Storage = storage,
            LogFile = logPath,
        });
        return new LabFixture(home, lab, logPath);
    }

    public async ValueTask DisposeAsync()
    {
        await Lab.DisposeAsync();
        _home.Dispose();
    }
}
