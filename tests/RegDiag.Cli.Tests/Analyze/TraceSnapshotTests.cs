using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using RegDiag.Testing.Exchanges;
using RegDiag.Testing;
using Snapshooter;
using Snapshooter.Xunit;

namespace RegDiag.Cli.Tests.Analyze;

/// <summary>
/// The reference traces (traces/*.har, real captures through the proxy): each one's `analyze --json`
/// document must stay as reviewed in its snapshot (__snapshots__/). A changed diagnosis shows up as a diff;
/// after reviewing it, delete the .snap file and run once with REGDIAG_ACCEPT_SNAPSHOTS=1 to accept the new
/// output. Without that variable a missing snapshot fails: Snapshooter would otherwise write it and pass,
/// so a new trace could never be checked (in CI least of all).
/// </summary>
public sealed partial class TraceSnapshotTests
{
    private static readonly string TracesDirectory = Path.Combine(HarValidator.RepositoryRoot(), "traces");

    private static readonly string SnapshotsDirectory =
        Path.Combine(HarValidator.RepositoryRoot(), "tests", "RegDiag.Cli.Tests", "Analyze", "__snapshots__");

    public static TheoryData<string> Traces()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TracesDirectory, "*.har").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Traces))]
    public void Analyze_ReferenceTrace_MatchesItsSnapshot(string trace)
    {
        var path = Path.Combine(TracesDirectory, trace + ".har");
        var snapshot = Path.Combine(SnapshotsDirectory, $"{nameof(TraceSnapshotTests)}.{nameof(Analyze_ReferenceTrace_MatchesItsSnapshot)}_{trace}.snap");
        Assert.True(File.Exists(snapshot) || Environment.GetEnvironmentVariable("REGDIAG_ACCEPT_SNAPSHOTS") == "1",
            $"{trace}: no committed snapshot {Path.GetFileName(snapshot)}; run once with REGDIAG_ACCEPT_SNAPSHOTS=1, review it, commit it");
        var (exit, stdout, stderr) = CliRun.RunAsync("analyze", path, "--json").GetAwaiter().GetResult();

        Assert.True(exit is 0 or 1, $"{trace}: exit {exit}: {stderr}");
        var document = JObject.Parse(stdout);
        Assert.Equal(exit == 1, document["summary"]!["hasErrors"]!.Value<bool>());
        document.Remove("file"); // an absolute path that differs per checkout
        Snapshot.Match(document, SnapshotNameExtension.Create(trace));
    }

    [Fact]
    public void Readme_ListsEveryTraceOnceWithADescription()
    {
        var readme = File.ReadAllText(Path.Combine(TracesDirectory, "README.md"));
        var listed = ReadmeLine().Matches(readme).Select(m => m.Groups["file"].Value).ToList();
        var present = Directory.GetFiles(TracesDirectory, "*.har").Select(Path.GetFileName).ToList();

        Assert.NotEmpty(present);
        Assert.Equal(present.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    /// <summary>"- `name.har`: description" (the format traces/README.md documents).</summary>
    [GeneratedRegex(@"^- `(?<file>[^`]+\.har)`: \S.*$", RegexOptions.Multiline)]
    private static partial Regex ReadmeLine();
}
