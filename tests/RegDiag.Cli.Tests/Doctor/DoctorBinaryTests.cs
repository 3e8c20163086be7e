using System.Text.Json;
using RegDiag.Lab;
using RegDiag.Testing;

namespace RegDiag.Cli.Tests.Doctor;

/// <summary>The built `regdiag doctor` as a process against the lab: password on stdin, probe push, --save, --report.</summary>
public sealed class DoctorBinaryTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("regdiag-cli-doctor-lab");
    private RunningLab _lab = null!;

    public async Task InitializeAsync() => _lab = await LabHost.StartAsync(new LabOptions
    {
        RegDiagHome = _home.Path,
        Auth = LabAuthMode.Token,
        Users = [new LabUser("bob", "bob-password-123")],
    });

    public async Task DisposeAsync()
    {
        await _lab.DisposeAsync();
        _home.Dispose();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Diag.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Diag.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task Doctor_LabWithPasswordOnStdin_PassesAndSavesARedactedValidHar()
    {
        var har = _home.Combine("probe.har");
        var report = _home.Combine("report.md");

        var result = await ExternalTool.RunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "regdiag.dll"), "doctor", _lab.RegistryHost, "--ca-file", _lab.CaCertificatePath!,
             "--user", "bob", "--password-stdin", "--image", $"{_lab.RegistryHost}/team/app:1", "--debug-addr", $"127.0.0.1:{_lab.DebugPort}",
             "--probe-push", "team/doctor-probe", "--save", har, "--report", report, "--json"],
            new Dictionary<string, string?> { ["NO_COLOR"] = "1" },
            TimeSpan.FromSeconds(60),
            stdin: "bob-password-123\n");

        Assert.True(result.ExitCode == 0, result.Output);
        using (var document = JsonDocument.Parse(result.Stdout))
        {
            Assert.Equal("pass", document.RootElement.GetProperty("overall").GetString());
        }
        var harText = await File.ReadAllTextAsync(har);
        Assert.Contains("\"method\": \"PATCH\"", harText.Replace("\"method\":\"PATCH\"", "\"method\": \"PATCH\""));
        Assert.DoesNotContain("bob-password-123", harText);
        Assert.DoesNotContain("Ym9iOmJvYi1wYXNzd29yZC0xMjM", harText); // base64 of bob:bob-password-123
        // The Redactor keeps a token's header and claims (they diagnose) and removes its signature.
        Assert.DoesNotMatch("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{16,}", harText);
        var validation = await ExternalTool.RunAsync("node", [Path.Combine(RepositoryRoot(), "tests/node/validate-har.js"), har]);
        Assert.True(validation.ExitCode == 0, validation.Output);
        var markdown = await File.ReadAllTextAsync(report);
        Assert.DoesNotContain("bob-password-123", markdown);
        Assert.Contains("## probe-push: Probe push (pass)", markdown);
    }

    [Fact]
    public async Task Doctor_WrongPasswordOnStdin_ExitsOneNamingTheAuthFailure()
    {
        var result = await ExternalTool.RunAsync("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "regdiag.dll"), "doctor", _lab.RegistryHost, "--ca-file", _lab.CaCertificatePath!,
             "--user", "bob", "--password-stdin", "--image", "team/app"],
            new Dictionary<string, string?> { ["NO_COLOR"] = "1" },
            TimeSpan.FromSeconds(60),
            stdin: "wrong\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[FAIL] auth", result.Stdout);
        Assert.Contains("rejects the credentials of bob", result.Stdout);
        Assert.DoesNotContain("\u001b[", result.Stdout);
    }
}
