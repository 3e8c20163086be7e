using RegDiag.Testing;

namespace RegDiag.Cli.Tests.InstallCa;

/// <summary>Runs the repository's install-ca.sh with bash, as an operator would.</summary>
internal static class InstallCaScript
{
    private static readonly Lazy<string> ScriptPath = new(Locate);

    public static string Path => ScriptPath.Value;

    public static Task<ExternalTool.Result> RunAsync(params string[] arguments) =>
        RunAsync(arguments, environment: null);

    public static Task<ExternalTool.Result> RunAsync(
        IEnumerable<string> arguments, IDictionary<string, string?>? environment) =>
        ExternalTool.RunAsync("bash", [Path, .. arguments], environment, TimeSpan.FromSeconds(60));

    // The tests run from bin/<config>/net10.0; the script sits at the repository root.
    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "install-ca.sh");
            if (File.Exists(candidate) && File.Exists(System.IO.Path.Combine(dir.FullName, "Diag.sln")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"install-ca.sh not found above {AppContext.BaseDirectory}");
    }
}
