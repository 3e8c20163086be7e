using RegDiag.Cli.Tests.Analyze;
using RegDiag.Core.Har;
using RegDiag.Core.Journal;
using RegDiag.Core.Redaction;
using RegDiag.Testing.Exchanges;
using RegDiag.Testing;

namespace RegDiag.Cli.Tests.Har;

public sealed class HarCommandTests
{
    [Fact]
    public async Task Redact_HarFromAnotherTool_ValidHarWithoutSecrets()
    {
        using var dir = new TempDirectory();
        var input = dir.Combine("chrome.har");
        var output = dir.Combine("shared.har");
        // Written unredacted, as another tool (or `--no-redact`) would have.
        HarWriter.WriteFile(Secrets.Corpus(), input, RedactionOptions.None);

        var (exit, stdout, stderr) = await CliRun.RunAsync("har", "redact", input, "-o", output);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("12 entries, redacted", stdout);
        await HarValidator.AssertValidAsync(output);
        var text = File.ReadAllText(output);
        foreach (var secret in Secrets.All)
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(Uri.EscapeDataString(secret), text);
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
    }

    [Fact]
    public async Task Export_JournalWithExplicitNoRedact_KeepsSecretsInAPrivateFile()
    {
        using var dir = new TempDirectory();
        var journal = dir.Combine("capture.jsonl");
        using (var writer = new JournalWriter(journal))
        {
            Secrets.Corpus().ToList().ForEach(writer.Append);
        }
        var redacted = dir.Combine("redacted.har");
        var plain = dir.Combine("plain.har");

        var (exit, _, _) = await CliRun.RunAsync("har", "export", journal, "-o", redacted);
        var (plainExit, stdout, _) = await CliRun.RunAsync("har", "export", journal, "-o", plain, "--no-redact");

        Assert.Equal(0, exit);
        Assert.Equal(0, plainExit);
        Assert.Contains("NOT redacted", stdout);
        Assert.DoesNotContain(Secrets.AmzSignature, File.ReadAllText(redacted));
        Assert.Contains(Secrets.AmzSignature, File.ReadAllText(plain));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(plain));
        await HarValidator.AssertValidAsync(redacted);
        await HarValidator.AssertValidAsync(plain);
    }

    [Fact]
    public async Task Redact_OutputIsTheInput_ExitsTwoAndLeavesItAlone()
    {
        using var dir = new TempDirectory();
        var input = dir.Combine("a.har");
        HarWriter.WriteFile(Secrets.Corpus(), input, RedactionOptions.None);
        var before = File.ReadAllBytes(input);

        var (exit, _, stderr) = await CliRun.RunAsync("har", "redact", input, "-o", input);

        Assert.Equal(2, exit);
        Assert.Contains("would overwrite the input", stderr);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public async Task Redact_BrokenInput_ExitsTwoAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var input = dir.Combine("broken.har");
        var output = dir.Combine("out.har");
        File.WriteAllText(input, "{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"https://a/\"}},{\"requ");

        var (exit, _, stderr) = await CliRun.RunAsync("har", "redact", input, "-o", output);

        Assert.Equal(2, exit);
        Assert.StartsWith($"regdiag: {input}: ", stderr);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }
}
