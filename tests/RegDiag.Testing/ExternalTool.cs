using System.Diagnostics;

namespace RegDiag.Testing;

/// <summary>
/// Runs real peers (skopeo, docker-registry, curl, openssl, node) from tests. A peer that is missing is a
/// failure, not a skip: test.sh installs them, so a missing one means the set-up is broken.
/// </summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    /// <summary>The full path of a tool on PATH, or a failed assertion saying how to install it.</summary>
    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new Xunit.Sdk.XunitException($"{name} is not installed: run ./test.sh as root, which installs it");
    }

    /// <summary>Runs a tool to completion (or kills it at the timeout) and returns its output.</summary>
    public static async Task<Result> RunAsync(
        string tool,
        IEnumerable<string> arguments,
        IDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        string? stdin = null)
    {
        var start = CreateStartInfo(Require(tool), arguments, environment);
        start.RedirectStandardInput = stdin != null;
        using var process = Process.Start(start)!;
        if (stdin != null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in {timeout}: {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running peer (a registry); dispose the handle to stop it.</summary>
    public static RunningProcess Start(
        string tool,
        IEnumerable<string> arguments,
        IDictionary<string, string?>? environment = null)
    {
        var start = CreateStartInfo(Require(tool), arguments, environment);
        return new RunningProcess(Process.Start(start)!);
    }

    private static ProcessStartInfo CreateStartInfo(
        string path, IEnumerable<string> arguments, IDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value == null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }
        return start;
    }
}
