using RegDiag.Testing;
using RegDiag.Testing.Captures;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Tests.App;

public sealed class FlowActionsTests
{
    [Fact]
    public async Task WriteHar_Redacted_IsValidHarWithoutSecrets()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "export.har");
        using var store = new FlowStore(live: true);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using (var ui = new HeadlessUi(store))
        {
            Assert.True(store.HasUnsavedFlows);
            ui.Browser.Actions.WriteHar(ui.Browser.Filtered.Items, path, redact: true);
            Assert.False(store.HasUnsavedFlows, "an export of every flow counts as saved");
        }

        await HarValidator.AssertValidAsync(path);
        var har = await File.ReadAllTextAsync(path);
        Assert.Contains("group/project/manifests/latest", har);
        Assert.DoesNotContain(S3HeadForbiddenPush.Secret, har);
        Assert.DoesNotContain("YWxpY2U6cGFzc3dvcmQ=", har);
        Assert.DoesNotContain(S3HeadForbiddenPush.Jwt, har);
    }

    [Fact]
    public async Task WriteHar_ErrorsOnlyRedactionOptedOut_WritesShownFlowsWithSecrets()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "private.har");
        using var store = new FlowStore(live: false);
        store.Load(S3HeadForbiddenPush.Exchanges());
        string message;
        using (var ui = new HeadlessUi(store))
        {
            ui.Press(new Terminal.Gui.Input.Key('e'));
            message = ui.Browser.Actions.WriteHar(ui.Browser.Filtered.Items, path, redact: false);
        }

        Assert.Contains("NOT redacted", message);
        await HarValidator.AssertValidAsync(path);
        var har = await File.ReadAllTextAsync(path);
        Assert.Contains(S3HeadForbiddenPush.Secret, har);
        using var document = System.Text.Json.JsonDocument.Parse(har);
        Assert.Equal(3, document.RootElement.GetProperty("log").GetProperty("entries").GetArrayLength()); // the errors shown
    }
}
