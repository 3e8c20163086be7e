using System.Diagnostics;
using System.Text.Json;
using RegDiag.Testing;

namespace RegDiag.Cli.Tests.Lab;

public sealed class LabCommandTests
{
    private static readonly string[] ScenarioNames =
    [
        "s3-head-forbidden", "s3-put-forbidden", "clock-skew", "wrong-region", "bad-credentials", "token-expired",
        "insufficient-scope", "gitlab-names", "body-too-large", "slow-storage", "flaky", "debug-unhealthy",
    ];

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ListScenarios_Text_DescribesEveryScenarioWithItsSymptom()
    {
        var (code, output, _) = await RunAsync("lab", "--list-scenarios");

        Assert.Equal(0, code);
        foreach (var name in ScenarioNames)
        {
            Assert.Contains(name + " (", output);
        }
        Assert.Equal(ScenarioNames.Length, output.Split('\n').Count(l => l.Contains("symptom:")));
    }

    [Fact]
    public async Task ListScenarios_Json_HasNameComponentDescriptionSymptom()
    {
        var (code, output, _) = await RunAsync("lab", "--list-scenarios", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var names = json.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(ScenarioNames, names);
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.NotEmpty(e.GetProperty("symptom").GetString()!));
        Assert.Equal("s3", json.RootElement[0].GetProperty("component").GetString());
    }

    [Theory]
    [InlineData("--scenario", "no-such-thing", "unknown scenario")]
    [InlineData("--user", "nopassword", "NAME:PASSWORD")]
    [InlineData("--auth", "basic", "expected none or token")]
    [InlineData("--storage", "gcs", "expected fs or s3")]
    [InlineData("--listen", "not-an-ip", "not an IP address")]
    public async Task BadOption_ExitsWithUsageErrorAndOneLine(string option, string value, string expected)
    {
        string[] args = option == "--auth" ? ["lab", option, value] : ["lab", option, value, "--auth", "token"];
        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Lab_Started_PrintsUrlsCaCredentialsAndPasteableCommands()
    {
        using var home = new TempDirectory();
        using var lab = StartBinary(home, "--auth", "token", "--user", "alice:pw1", "--hostname", "lab.test");

        var banner = await WaitForAsync(lab, "docker push");

        Assert.Matches("registry   https://127\\.0\\.0\\.1:[0-9]+/", banner);
        Assert.Matches("https://lab\\.test:[0-9]+/", banner);
        Assert.Contains($"CA         {home.Combine("lab", "ca.pem")}", banner);
        Assert.Contains("user       alice:pw1", banner);
        Assert.Matches($"skopeo copy --dest-cert-dir {home.Combine("lab", "certs")} --dest-creds alice:pw1 docker://docker.io/library/alpine:latest docker://127\\.0\\.0\\.1:[0-9]+/demo/alpine:latest", banner);
        Assert.Matches("docker login 127\\.0\\.0\\.1:[0-9]+ -u alice -p pw1", banner);
        Assert.Matches("debug      http://127\\.0\\.0\\.1:[0-9]+/debug/health", banner);
    }

    [Fact]
    public async Task Lab_Json_PrintsReadyRecordOfAWorkingRegistry()
    {
        using var home = new TempDirectory();
        using var lab = StartBinary(home, "--json", "--plain-http", "--scenario", "flaky", "--scenario", "slow-storage");

        var line = (await WaitForAsync(lab, "\"registry\"")).Split('\n').First(l => l.StartsWith('{'));
        using var json = JsonDocument.Parse(line);
        var registry = json.RootElement.GetProperty("registry").GetString()!;
        Assert.StartsWith("http://127.0.0.1:", registry);
        Assert.Equal(["flaky", "slow-storage"], json.RootElement.GetProperty("scenarios").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("caPath").ValueKind);
        using var client = new HttpClient();
        var health = await client.GetAsync(json.RootElement.GetProperty("debug").GetString() + "debug/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData(RunningProcess.SigTerm)]
    [InlineData(RunningProcess.SigInt)]
    public async Task Lab_S3StorageThenSignal_StopsAndExitsZeroWithinSeconds(int signal)
    {
        using var home = new TempDirectory();
        using var lab = StartBinary(home, "--json", "--storage", "s3", "--s3-port", "0");
        await WaitForAsync(lab, "\"registry\"");

        var watch = Stopwatch.StartNew();
        lab.Signal(signal);
        var exitCode = await lab.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"exit took {watch.Elapsed}: {lab.Output}");
    }

    private static RunningProcess StartBinary(TempDirectory home, params string[] args) =>
        ExternalTool.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "regdiag.dll"), "lab", "--port", "0", "--debug-port", "0", .. args],
            new Dictionary<string, string?> { ["REGDIAG_HOME"] = home.Path, ["NO_COLOR"] = "1" });

    private static async Task<string> WaitForAsync(RunningProcess process, string text)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.Output.Contains(text, StringComparison.Ordinal))
            {
                return process.Output;
            }
            Assert.False(process.HasExited, "regdiag lab exited: " + process.Output);
            await Task.Delay(100);
        }
        throw new TimeoutException($"'{text}' not printed: {process.Output}");
    }
}
