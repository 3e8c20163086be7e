using RegDiag.Testing;

namespace RegDiag.Core.Tests.Support;

/// <summary>Runs the third-party npm har-validator (tests/node/validate-har.js) on a file.</summary>
internal static class HarValidator
{
    public static async Task AssertValidAsync(string path)
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "node", "validate-har.js");
        if (!Directory.Exists(Path.Combine(RepositoryRoot(), "tests", "node", "node_modules", "har-validator")))
        {
            throw new Xunit.Sdk.XunitException("har-validator is not installed: run ./test.sh (or npm ci in tests/node)");
        }
        var result = await ExternalTool.RunAsync("node", [script, path], timeout: TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"har-validator rejected {path}: {result.Output}");
        Assert.Contains("valid", result.Stdout);
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Diag.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Diag.sln) not found above " + AppContext.BaseDirectory);
    }
}
