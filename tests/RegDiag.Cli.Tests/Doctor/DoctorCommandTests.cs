using System.Text.Json;
using RegDiag.Testing;

namespace RegDiag.Cli.Tests.Doctor;

/// <summary>`regdiag doctor` in process: arguments, exit codes, offline checks and the outputs.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new("regdiag-cli-doctor");

    public void Dispose() => _directory.Dispose();

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Doctor_NoHostAndNoOfflineInput_ExitsTwoWithOneLine()
    {
        var (exit, _, err) = await RunAsync("doctor");

        Assert.Equal(2, exit);
        Assert.StartsWith("regdiag: doctor needs HOST", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("doctor", "registry.test", "--only", "nope")]
    [InlineData("doctor", "registry.test/group/project")]
    [InlineData("doctor", "--image", "x", "--only", "tls")]
    [InlineData("doctor", "registry.test", "--debug-addr", "nonsense")]
    [InlineData("doctor", "registry.test", "--save", "x.har")]
    [InlineData("doctor", "registry.test", "--proxy", "ftp://x")]
    [InlineData("doctor", "registry.test", "--password-stdin")]
    public async Task Doctor_BadInput_ExitsTwo(params string[] args)
    {
        var (exit, _, err) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("regdiag:", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task Doctor_OfflineInvalidImage_ExitsOneWithTheOffendingComponent()
    {
        var (exit, output, _) = await RunAsync("doctor", "--image", "registry.example.com/_group/project");

        Assert.Equal(1, exit);
        Assert.Contains("[FAIL] name", output);
        Assert.Contains("'_group'", output);
        Assert.Contains("registry.example.com/group/project", output);
        Assert.DoesNotContain("reachability", output);
    }

    [Fact]
    public async Task Doctor_OfflineLogJson_IsValidJsonWithOnlyOfflineChecks()
    {
        var log = _directory.Combine("current");
        await File.WriteAllTextAsync(log, "time=\"2026-11-28T09:00:00Z\" level=error msg=\"response completed with error\" err.code=unknown err.detail=\"s3aws: SignatureDoesNotMatch: The request signature we calculated does not match\"\n");

        var (exit, output, _) = await RunAsync("doctor", "--log", log, "--json");

        Assert.Equal(1, exit);
        using var document = JsonDocument.Parse(output);
        var checks = document.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal("fail", checks["logs"].GetProperty("status").GetString());
        Assert.Contains("SignatureDoesNotMatch", checks["logs"].GetProperty("finding").GetString());
        Assert.False(checks.ContainsKey("reachability"));
        Assert.Equal("skipped", checks["name"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Doctor_Report_WritesMarkdownWithEveryCheck()
    {
        var report = _directory.Combine("report.md");

        var (exit, output, _) = await RunAsync("doctor", "--image", "group/project:1", "--report", report);

        Assert.Equal(0, exit);
        Assert.Contains($"report written to {report}", output);
        var markdown = await File.ReadAllTextAsync(report);
        Assert.Contains("## name: Image name (pass)", markdown);
        Assert.Contains("## logs: Logs (skipped)", markdown);
        Assert.Contains("`regdiag doctor --image group/project:1 --report", markdown);
    }
}
