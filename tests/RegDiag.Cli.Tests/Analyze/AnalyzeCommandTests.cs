using System.Text.Json;
using RegDiag.Core.Har;
using RegDiag.Core.Journal;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;
using RegDiag.Testing.Exchanges;
using RegDiag.Testing;
using static RegDiag.Testing.Exchanges.Scenarios;

namespace RegDiag.Cli.Tests.Analyze;

public sealed class AnalyzeCommandTests
{
    private static List<Exchange> CleanPush()
    {
        long id = 1;
        double at = 0;
        var exchanges = Login(ref id, ref at);
        exchanges.AddRange(PushBlob(ref id, ref at, Layer, "layer", "u-1"));
        exchanges.Add(ManifestPut(id, at));
        return exchanges;
    }

    private static List<Exchange> ForbiddenHead()
    {
        var url = Presigned(Layer, X.T0);
        return
        [
            X.Ex(1, "HEAD", $"{Registry}/v2/{Repo}/blobs/{Layer}", 307, response: [("Location", url)]),
            X.Ex(2, "HEAD", url, 403, atMs: 20, response: [("x-amz-request-id", "RQ"), ("Date", X.T0.ToString("r"))]),
        ];
    }

    [Fact]
    public async Task Analyze_CleanPushJournal_ExitsZeroWithTimeline()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("push.jsonl");
        using (var journal = new JournalWriter(path))
        {
            CleanPush().ForEach(journal.Append);
        }

        var (exit, stdout, stderr) = await CliRun.RunAsync("analyze", path);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains($"push {Repo}:latest", stdout);
        Assert.Contains("No failures found.", stdout);
        Assert.DoesNotContain("\u001b[", stdout);
    }

    [Fact]
    public async Task Analyze_ForbiddenRedirectedHead_ExitsOneWithDocumentedJson()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("capture.har");
        HarWriter.WriteFile(ForbiddenHead(), path, RedactionOptions.Default);

        var (exit, stdout, _) = await CliRun.RunAsync("analyze", path, "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.True(root.GetProperty("summary").GetProperty("hasErrors").GetBoolean());
        var diagnosis = root.GetProperty("diagnoses")[0];
        Assert.Equal("s3-head-403-after-redirect", diagnosis.GetProperty("id").GetString());
        Assert.Equal("Error", diagnosis.GetProperty("severity").GetString());
        var evidence = diagnosis.GetProperty("evidence")[0];
        Assert.Equal(2, evidence.GetProperty("exchange").GetInt64());
        Assert.Equal(1, evidence.GetProperty("related")[0].GetInt64());
        var exchanges = root.GetProperty("exchanges");
        Assert.Equal("HeadObject", exchanges[1].GetProperty("operation").GetString());
        Assert.Equal(1, exchanges[1].GetProperty("redirectedFrom").GetInt64());
        Assert.DoesNotContain("X-Amz-Signature=0abc", stdout);
    }

    [Theory]
    [InlineData(null, "no such file")]
    [InlineData("[]", "not a HAR or journal")]
    [InlineData("{\"log\":{\"entries\":[{\"request\":", "not valid JSON")]
    public async Task Analyze_BadFile_ExitsTwoWithOneLineNamingTheFile(string? content, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("bad.har");
        if (content != null)
        {
            File.WriteAllText(path, content);
        }

        var (exit, stdout, stderr) = await CliRun.RunAsync("analyze", path);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"regdiag: {path}: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task Analyze_NoFile_ExitsTwo()
    {
        var (exit, _, stderr) = await CliRun.RunAsync("analyze");

        Assert.Equal(2, exit);
        Assert.Contains("FILE is required", stderr);
    }

    [Fact]
    public async Task Analyze_ListSignatures_PrintsEveryRowAsTableAndJson()
    {
        var (exit, table, _) = await CliRun.RunAsync("analyze", "--list-signatures");
        var (jsonExit, json, _) = await CliRun.RunAsync("analyze", "--list-signatures", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(0, jsonExit);
        Assert.Contains("s3-head-403-after-redirect", table);
        Assert.Contains("digest-invalid-altered-in-transit", table);
        using var rows = JsonDocument.Parse(json);
        var ids = rows.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains($"{ids.Count} signatures", table);
        Assert.Contains("auth-insufficient-scope", ids);
    }

    [Fact]
    public async Task Analyze_RealProcessWithRedirectedOutput_NoColourNoProgressExitCodeKept()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("capture.har");
        HarWriter.WriteFile(ForbiddenHead(), path, RedactionOptions.Default);
        var regdiag = Path.Combine(AppContext.BaseDirectory, "regdiag.dll");

        var result = await ExternalTool.RunAsync("dotnet", [regdiag, "analyze", path], environment: new Dictionary<string, string?> { ["NO_COLOR"] = "1" });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.DoesNotContain("\u001b[", result.Stdout);
        Assert.Contains("[s3-head-403-after-redirect]", result.Stdout);
    }
}
