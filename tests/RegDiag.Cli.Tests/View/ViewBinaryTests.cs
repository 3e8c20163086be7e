using RegDiag.Testing;

namespace RegDiag.Cli.Tests.View;

/// <summary>The built regdiag binary in a real terminal (tmux): what a user does after a failed push.</summary>
public sealed class ViewBinaryTests
{
    [Fact]
    public async Task View_RecordedS3HeadForbiddenTrace_FilterOpenDiagnosisExportQuit()
    {
        ExternalTool.Require("tmux");
        using var temp = new TempDirectory();
        var har = temp.Combine("push.har");
        // The trace recorded from the lab's s3-head-forbidden scenario with a real client (traces/README.md).
        File.Copy(Path.Combine(HarValidator.RepositoryRoot(), "traces", "s3-head-forbidden.har"), har);
        var environment = new Dictionary<string, string>
        {
            ["REGDIAG_HOME"] = temp.Combine("home"),
            ["TERM"] = "xterm-256color",
            ["NO_COLOR"] = "1",
        };
        await using var tmux = await TmuxSession.StartAsync(temp.Path, environment, Path.Combine(AppContext.BaseDirectory, "regdiag"), "view", har);

        var screen = await tmux.WaitForAsync("21 flows");
        Assert.Contains("push.har (read-only)", screen);

        await tmux.SendAsync("e");
        screen = await tmux.WaitForAsync("[errors only]");

        await tmux.SendAsync("/");
        await tmux.SendAsync("kind:s3 method:HEAD", literal: true);
        await tmux.SendAsync("Enter");
        screen = await tmux.WaitForAsync("(2 shown)");
        await tmux.SendAsync("Enter");
        screen = await tmux.WaitForAsync("DIAGNOSIS ERROR: Storage refused the redirected HEAD");
        Assert.Contains("/docker/registry/v2/blobs/sha256/", screen);
        Assert.Contains("fix:   Grant the registry's IAM principal s3:GetObject", screen);

        // Action keys work from the detail pane too (Escape is avoided: a key right behind ESC reads as Alt+key).
        await tmux.SendAsync("x");
        screen = await tmux.WaitForAsync("Export 2 flows as HAR");
        Assert.Contains("push.redacted.har", screen);
        await tmux.SendAsync("Enter");
        screen = await tmux.WaitForAsync("exported 2 flows to push.redacted.har (redacted)");

        await tmux.SendAsync("q");
        await tmux.WaitForAsync("exited 0");

        var exported = temp.Combine("push.redacted.har");
        await HarValidator.AssertValidAsync(exported);
        var text = await File.ReadAllTextAsync(exported);
        Assert.Contains("X-Amz-Signature=%3Credacted", text);
    }
}
