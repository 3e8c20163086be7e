using RegDiag.Testing;

namespace RegDiag.Cli.Tests.View;

public sealed class ViewCommandTests
{
    [Fact]
    public async Task View_MissingFile_OneLineErrorExit2()
    {
        using var temp = new TempDirectory();
        var (code, stderr) = await RunAsync("view", temp.Combine("nope.har"));

        Assert.Equal(2, code);
        Assert.Equal($"regdiag: {temp.Combine("nope.har")}: no such file", stderr.Trim());
    }

    [Fact]
    public async Task View_NotACapture_OneLineErrorExit2()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("notes.txt");
        await File.WriteAllTextAsync(path, "docker push failed yesterday\n");

        var (code, stderr) = await RunAsync("view", path);

        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("not a HAR or journal", stderr);
    }

    [Fact]
    public async Task View_TruncatedHar_OneLineErrorExit2()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("cut.har");
        await File.WriteAllTextAsync(path, "{\"log\":{\"version\":\"1.2\",\"entries\":[{\"request\":");

        var (code, stderr) = await RunAsync("view", path);

        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith($"regdiag: {path}", stderr);
    }

    private static async Task<(int Code, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stderr.ToString());
    }
}
