using System.Text.RegularExpressions;
using RegDiag.Testing;

namespace RegDiag.Cli.Tests.View;

/// <summary>`regdiag proxy` in a real terminal: live flows in the UI, and quitting asks first.</summary>
public sealed partial class ProxyTuiBinaryTests
{
    [Fact]
    public async Task Proxy_InATerminal_ShowsLiveFlowsAndConfirmsQuit()
    {
        using var temp = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["REGDIAG_HOME"] = temp.Combine("home"),
            ["TERM"] = "xterm-256color",
            ["NO_COLOR"] = "1",
        };
        await using var tmux = await TmuxSession.StartAsync(temp.Path, environment, Path.Combine(AppContext.BaseDirectory, "regdiag"), "proxy", "--port", "0");
        var screen = await tmux.WaitForAsync("0 flows");
        Assert.Contains("NOT in the system store: run install-ca.sh", screen);
        var port = Listening().Match(screen).Groups[1].Value;

        // Port 1 refuses: the proxy answers 502 and records a transport failure.
        var curl = await ExternalTool.RunAsync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-x", $"http://127.0.0.1:{port}", "http://127.0.0.1:1/v2/"]);
        Assert.Equal("502", curl.Stdout);
        screen = await tmux.WaitForAsync("1 flows");
        Assert.Matches(@"GET\s+CONN\s+reg 127\.0\.0\.1:1\s+/v2/", screen);

        await tmux.SendAsync("q");
        screen = await tmux.WaitForAsync("1 captured flows were not exported.");
        Assert.Contains(temp.Combine("home", "sessions"), screen);
        await tmux.SendAsync("Enter");
        await tmux.WaitForAsync("exited 0", TimeSpan.FromSeconds(30));
    }

    [GeneratedRegex(@"listening 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
