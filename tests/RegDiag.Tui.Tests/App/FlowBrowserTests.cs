using Terminal.Gui.Input;
using RegDiag.Testing.Captures;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Tests.App;

public sealed class FlowBrowserTests
{
    [Fact]
    public void FlowList_ExchangesPublishedFromAnotherThread_AppearAfterTick()
    {
        using var store = new FlowStore(live: true);
        using var ui = new HeadlessUi(store);
        Assert.DoesNotContain("manifests/latest", ui.Screen);

        // A plain thread: Terminal.Gui installs a synchronisation context that only its main loop pumps.
        var publisher = new Thread(() =>
        {
            foreach (var exchange in S3HeadForbiddenPush.Exchanges())
            {
                store.OnExchange(exchange);
            }
        });
        publisher.Start();
        publisher.Join();
        Assert.DoesNotContain("manifests/latest", ui.Screen); // nothing is drawn before the UI drains

        ui.Tick();
        var screen = ui.Screen;
        Assert.Contains("group/project/manifests/latest", screen);
        Assert.Single(ui.LinesWith("tok lab.test"));
        Assert.Contains("7 flows", screen);
        Assert.Equal(7, ui.Browser.List.SelectedFlow?.Id); // follows the newest
    }

    [Fact]
    public void FlowList_UserMovedUp_StaysOnTheFlowWhenNewOnesArrive()
    {
        using var store = new FlowStore(live: true);
        using var ui = new HeadlessUi(store);
        var push = S3HeadForbiddenPush.Exchanges();
        foreach (var exchange in push.Take(5))
        {
            store.OnExchange(exchange);
        }
        ui.Tick();
        ui.Press(Key.CursorUp);
        Assert.Equal(4, ui.Browser.List.SelectedFlow?.Id);

        store.OnExchange(push[5]);
        store.OnExchange(push[6]);
        ui.Tick();

        Assert.Equal(4, ui.Browser.List.SelectedFlow?.Id);
        Assert.False(ui.Browser.List.Following);
        ui.Press(new Key('G'));
        Assert.Equal(7, ui.Browser.List.SelectedFlow?.Id);
    }

    [Fact]
    public void FilterBar_TypedExpression_ShowsOnlyMatchingFlows()
    {
        using var store = new FlowStore(live: false);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store);

        ui.Press(new Key('/'));
        ui.Type("kind:s3 method:HEAD");
        var screen = ui.Screen;

        Assert.Equal(1, ui.Browser.Filtered.Count);
        Assert.Equal(5, ui.Browser.Filtered[0].Id);
        Assert.Contains("7 flows (1 shown)", screen);
        Assert.Empty(ui.LinesWith("manifests/latest"));
    }

    [Fact]
    public void FilterBar_InvalidExpression_KeepsListAndSaysWhy()
    {
        using var store = new FlowStore(live: false);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store);

        ui.Browser.FilterField.Text = "colour:red"; // as pasted: typing it keeps the last valid prefix's filter

        Assert.Equal(7, ui.Browser.Filtered.Count);
        Assert.Contains("unknown field 'colour'", ui.Screen);
    }

    [Fact]
    public void ErrorsToggle_KeyE_HidesTheProtocolsNormalAnswers()
    {
        using var store = new FlowStore(live: false);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store);

        ui.Press(new Key('e'));

        Assert.Equal([5L, 6L, 7L], ui.Browser.Filtered.Items.Select(f => f.Id));
        Assert.Contains("[errors only]", ui.Screen);
        ui.Press(new Key('e'));
        Assert.Equal(7, ui.Browser.Filtered.Count);
    }

    [Fact]
    public void PingsToggle_KeyP_HidesVersionChecks()
    {
        using var store = new FlowStore(live: false);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store);

        ui.Press(new Key('p'));

        Assert.DoesNotContain(ui.Browser.Filtered.Items, f => f.Exchange.Request.Url == "https://registry.test/v2/");
        Assert.Equal(5, ui.Browser.Filtered.Count);
    }

    [Fact]
    public void DetailPane_SelectedS3Error_ShowsDecodedXmlAndHidesSecrets()
    {
        using var store = new FlowStore(live: false);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store);

        ui.Browser.List.SelectFlow(6);
        var detail = ui.Browser.DetailView.Text;

        Assert.Contains("storage error AccessDenied: Access Denied · request id 17A2B3C4D5E6F709", detail);
        Assert.Contains("<Code>AccessDenied</Code>", detail);
        Assert.DoesNotContain(S3HeadForbiddenPush.Secret, detail);
        Assert.Contains("storage error AccessDenied", ui.Screen);
    }

    [Fact]
    public void DetailPane_TokenResponse_ShowsClaimsNotTheToken()
    {
        using var store = new FlowStore(live: false);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store);

        ui.Browser.List.SelectFlow(2);
        var detail = ui.Browser.DetailView.Text;

        Assert.Contains("\"token\": \"<hidden, ", detail);
        Assert.Contains("sub: alice", detail);
        Assert.Contains("Basic <hidden> (user alice)", detail);
        Assert.DoesNotContain(S3HeadForbiddenPush.Jwt, detail);
        Assert.DoesNotContain("YWxpY2U6cGFzc3dvcmQ=", detail);
    }

    [Fact]
    public void DetailPane_FailedS3Head_ShowsTheDiagnosisWithCauseAndFixFirst()
    {
        using var store = new FlowStore(live: false);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store);

        ui.Browser.List.SelectFlow(5);

        var detail = ui.Browser.DetailView.Text;
        Assert.StartsWith("#5 HEAD https://s3.test/", detail);
        Assert.Contains("DIAGNOSIS ERROR: Storage refused the redirected HEAD", detail);
        Assert.Contains("  fix:   Grant the registry's IAM principal s3:GetObject", detail);
        Assert.True(detail.IndexOf("DIAGNOSIS", StringComparison.Ordinal) < detail.IndexOf("REQUEST HEADERS", StringComparison.Ordinal));
        Assert.DoesNotContain(S3HeadForbiddenPush.Secret, detail);
        Assert.Contains("REDIRECT CHAIN\n    #4 HEAD registry.test/v2/group/project/blobs/sha2", detail);
        Assert.Contains("Storage refused the redirected HEAD", ui.Screen);
    }

    [Fact]
    public void Enter_OnTheList_FocusesTheDetailPane()
    {
        using var store = new FlowStore(live: false);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store);
        Assert.True(ui.Browser.List.HasFocus);

        ui.Press(Key.Enter);

        Assert.True(ui.Browser.DetailView.HasFocus);
        ui.Press(Key.Esc);
        Assert.True(ui.Browser.List.HasFocus);
    }

    [Fact]
    public void Pause_LiveCapture_HoldsNewFlowsUntilResumed()
    {
        using var store = new FlowStore(live: true);
        using var ui = new HeadlessUi(store);
        Assert.True(ui.Browser.List.HasFocus, "the empty list has the focus");
        ui.Press(new Key(' '));
        foreach (var exchange in S3HeadForbiddenPush.Exchanges())
        {
            store.OnExchange(exchange);
        }
        ui.Tick();
        Assert.True(store.Flows.Count == 0, "paused: nothing drained");
        Assert.Contains("PAUSED (7 waiting)", ui.Screen);

        ui.Press(new Key(' '));
        ui.Tick();
        Assert.Equal(7, store.Flows.Count);
    }

    [Fact]
    public void Clear_KeyZ_EmptiesTheListAndDetail()
    {
        using var store = new FlowStore(live: true);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store);

        ui.Press(new Key('z'));

        Assert.Empty(ui.Browser.Filtered.Items);
        Assert.Equal("", ui.Browser.DetailView.Text);
        Assert.Contains("0 flows", ui.Screen);
    }

    [Fact]
    public void StatusLine_LiveProxy_ShowsAddressCaAndCounts()
    {
        using var store = new FlowStore(live: true);
        store.Load(S3HeadForbiddenPush.Exchanges());
        using var ui = new HeadlessUi(store, new RegDiag.Tui.App.TuiOptions
        {
            ListenAddress = "127.0.0.1:8080", CaPath = "/home/u/.regdiag/ca.pem", CaInstalled = false, Colour = false,
        });

        var screen = ui.Screen;

        Assert.Contains("listening 127.0.0.1:8080", screen);
        Assert.Contains("CA /home/u/.regdiag/ca.pem (NOT in the system store: run install-ca.sh)", screen);
        Assert.Contains("7 flows · 3 errors", screen);
        Assert.Contains("Quit", screen);
    }
}
