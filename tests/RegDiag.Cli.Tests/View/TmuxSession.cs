using RegDiag.Testing;

namespace RegDiag.Cli.Tests.View;

/// <summary>
/// A real terminal for a real process: a detached tmux session on a server of its own (its own socket, so
/// parallel tests never meet), driven with send-keys and read with capture-pane.
/// </summary>
internal sealed class TmuxSession : IAsyncDisposable
{
    private readonly string _socket = "regdiag-test-" + Guid.NewGuid().ToString("N")[..12];

    private TmuxSession()
    {
    }

    public static async Task<TmuxSession> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var session = new TmuxSession();
        var exports = string.Join(' ', environment.Select(e => $"{e.Key}={Quote(e.Value)}"));
        var shell = $"env {exports} {string.Join(' ', command.Select(Quote))}; echo; echo \"exited $?\"; sleep 600";
        await session.RunAsync(["new-session", "-d", "-x", "200", "-y", "50", "-s", "t", "-c", workingDirectory, shell]);
        return session;
    }

    public async Task<string> CaptureAsync() => (await RunAsync(["capture-pane", "-p", "-t", "t"])).Stdout;

    /// <summary>Waits until the screen shows the text; fails with the last screen when it never does.</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = await CaptureAsync();
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"the screen never showed '{text}'; last screen:\n{screen}");
    }

    /// <summary>Sends keys as tmux names them ("Enter", "Escape") or literal text with <paramref name="literal"/>.</summary>
    public Task SendAsync(string keys, bool literal = false) =>
        RunAsync(literal ? ["send-keys", "-t", "t", "-l", keys] : ["send-keys", "-t", "t", keys]);

    public async ValueTask DisposeAsync()
    {
        await ExternalTool.RunAsync("tmux", ["-L", _socket, "kill-server"]);
    }

    private async Task<ExternalTool.Result> RunAsync(IEnumerable<string> arguments)
    {
        var result = await ExternalTool.RunAsync("tmux", ["-L", _socket, .. arguments], timeout: TimeSpan.FromSeconds(20));
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"tmux {string.Join(' ', arguments)} failed: {result.Output}");
        }
        return result;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
