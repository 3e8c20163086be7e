using RegDiag.Testing;

namespace RegDiag.Cli.Tests.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_NoTui_ReproducesTheS3HeadFailureAndPrintsItsDiagnosis()
    {
        using var temp = new TempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["demo", "--no-tui", "--home", temp.Path], stdout, stderr);

        var output = stdout.ToString();
        Assert.True(code == 0, $"exit {code}: {stderr}\n{output}");
        Assert.Contains("push            failed at", output);
        Assert.Contains("ERROR Storage refused the redirected HEAD (403, no error body): missing s3:GetObject", output);
        Assert.Contains("Journal: " + temp.Path, output);
    }

    [Fact]
    public async Task Demo_UnknownScenario_OneLineErrorExit2()
    {
        var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["demo", "--no-tui", "--scenario", "gremlins"], new StringWriter(), stderr);

        Assert.Equal(2, code);
        Assert.StartsWith("regdiag: --scenario gremlins: unknown; one of s3-head-forbidden", stderr.ToString());
    }
}
