using Xunit;

namespace RegDiag.Testing;

/// <summary>Runs the third-party npm har-validator (tests/node/validate-har.js) on a file.</summary>
public static class HarValidator
{
    public static async Task AssertValidAsync(string path)
    {
        var node = Path.Combine(RepositoryRoot(), "tests", "node");
        if (!Directory.Exists(Path.Combine(node, "node_modules", "har-validator")))
        {
            throw new Xunit.Sdk.XunitException("har-validator is not installed: run ./test.sh (or npm ci in tests/node)");
        }
        var result = await ExternalTool.RunAsync("node", [Path.Combine(node, "validate-har.js"), path], timeout: TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0 && result.Stdout.Trim() == "valid", $"har-validator rejected {path}: {result.Output}");
    }

    /// <summary>The directory holding Diag.sln, above the test binaries.</summary>
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
