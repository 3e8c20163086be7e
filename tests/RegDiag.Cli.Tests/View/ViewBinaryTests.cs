using RegDiag.Core.Har;
using RegDiag.Core.Redaction;
using RegDiag.Testing;
using RegDiag.Testing.Captures;

namespace RegDiag.Cli.Tests.View;

/// <summary>The built regdiag binary in a real terminal (tmux): what a user does after a failed push.</summary>
public sealed class ViewBinaryTests
{
    [Fact]
    public async Task View_HarOfFailedPush_FilterOpenDiagnosisExportQuit()
    {
        ExternalTool.Require("tmux");
        using var temp = new TempDirectory();
        var har = temp.Combine("push.har");
        // As captured with --no-redact: the export from the UI must redact it again.
        HarWriter.WriteFile(S3HeadForbiddenPush.Exchanges(), har, RedactionOptions.None);
        var environment = new Dictionary<string, string>
        {
            ["REGDIAG_HOME"] = temp.Combine("home"),
            ["TERM"] = "xterm-256color",
            ["NO_COLOR"] = "1",
        };
        await using var tmux = await TmuxSession.StartAsync(temp.Path, environment, Path.Combine(AppContext.BaseDirectory, "regdiag"), "view", har);

        var screen = await tmux.WaitForAsync("7 flows");
        Assert.Contains("push.har (read-only)", screen);

        await tmux.SendAsync("e");
        screen = await tmux.WaitForAsync("(3 shown)");
        Assert.Contains("[errors only]", screen);

        await tmux.SendAsync("/");
        await tmux.SendAsync("kind:s3 method:HEAD", literal: true);
        await tmux.SendAsync("Enter");
        screen = await tmux.WaitForAsync("(1 shown)");
        await tmux.SendAsync("Enter");
        screen = await tmux.WaitForAsync("DIAGNOSIS ERROR: Storage refused the redirected HEAD");
        Assert.Contains("#5 HEAD", screen); // the long presigned URL wraps onto the next line
        Assert.Contains("https://s3.test/bucket/docker/registry/v2/blobs/sha256/3f/", screen);
        Assert.Contains("fix:", screen);
        Assert.DoesNotContain(S3HeadForbiddenPush.Secret, screen);

        // Action keys work from the detail pane too (Escape is avoided: a key right behind ESC reads as Alt+key).
        await tmux.SendAsync("x");
        screen = await tmux.WaitForAsync("Export 1 flows as HAR");
        Assert.Contains("push.redacted.har", screen);
        await tmux.SendAsync("Enter");
        screen = await tmux.WaitForAsync("exported 1 flows to push.redacted.har (redacted)");

        await tmux.SendAsync("q");
        await tmux.WaitForAsync("exited 0");

        var exported = temp.Combine("push.redacted.har");
        await HarValidator.AssertValidAsync(exported);
        var text = await File.ReadAllTextAsync(exported);
        Assert.Contains("s3.test", text);
        Assert.DoesNotContain(S3HeadForbiddenPush.Secret, text);
    }
}
