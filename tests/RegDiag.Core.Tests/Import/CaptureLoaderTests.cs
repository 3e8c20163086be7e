using RegDiag.Core.Har;
using RegDiag.Core.Import;
using RegDiag.Core.Journal;
using RegDiag.Core.Redaction;
using RegDiag.Testing.Exchanges;
using RegDiag.Testing;

namespace RegDiag.Core.Tests.Import;

public sealed class CaptureLoaderTests
{
    [Fact]
    public void Load_JournalWhateverItsName_ReadsItAsAJournal()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("capture.har");
        using (var journal = new JournalWriter(path))
        {
            journal.Append(X.Ex(1, "GET", "https://registry.test/v2/", 200));
        }

        Assert.Equal(CaptureFormat.Journal, CaptureLoader.Detect(path));
        Assert.Equal("https://registry.test/v2/", Assert.Single(CaptureLoader.Load(path)).Request.Url);
    }

    [Fact]
    public void Load_Har_ReadsItAsAHar()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("capture.jsonl");
        HarWriter.WriteFile([X.Ex(1, "GET", "https://registry.test/v2/", 200)], path, RedactionOptions.Default);

        Assert.Equal(CaptureFormat.Har, CaptureLoader.Detect(path));
        Assert.Single(CaptureLoader.Load(path));
    }

    [Theory]
    [InlineData(null, "no such file")]
    [InlineData("", "empty file")]
    [InlineData("GET / HTTP/1.1", "not a HAR or journal")]
    [InlineData("{\"id\":1,\n{\"id\":2}\n", "line 1")]
    public void Load_BadFile_InputErrorNamingTheFile(string? content, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("input");
        if (content != null)
        {
            File.WriteAllText(path, content);
        }

        var error = Assert.Throws<InputException>(() => CaptureLoader.Load(path).ToList());

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }
}
