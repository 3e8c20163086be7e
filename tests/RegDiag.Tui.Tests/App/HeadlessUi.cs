using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using RegDiag.Tui.App;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Tests.App;

/// <summary>
/// The UI on Terminal.Gui's ANSI driver with a fixed screen and no terminal: an application instance of its
/// own (no static state), so tests run in parallel. The screen is read back as text.
/// </summary>
internal sealed class HeadlessUi : IDisposable
{
    private readonly SessionToken _session;
    private readonly SynchronizationContext? _previousContext = SynchronizationContext.Current;

    public HeadlessUi(FlowStore store, TuiOptions? options = null, int width = 180, int height = 50)
    {
        Store = store;
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        Browser = new FlowBrowser(App, store, options ?? new TuiOptions { Colour = false });
        _session = App.Begin(Browser)!;
        App.LayoutAndDraw();
    }

    public IApplication App { get; }

    public FlowBrowser Browser { get; }

    public FlowStore Store { get; }

    /// <summary>Lays out, draws and returns the whole screen as text.</summary>
    public string Screen
    {
        get
        {
            App.LayoutAndDraw(forceRedraw: true);
            return App.Driver!.ToString()!;
        }
    }

    /// <summary>One timer tick: what the UI does every 100 ms (once the classifier caught up).</summary>
    public void Tick()
    {
        Assert.True(Store.WaitForClassification(TimeSpan.FromSeconds(60)), "classification did not catch up");
        Browser.Tick();
        App.LayoutAndDraw();
    }

    public void Press(Key key)
    {
        App.InjectKey(key);
        App.LayoutAndDraw();
    }

    public void Type(string text)
    {
        foreach (var c in text)
        {
            App.InjectKey(new Key(c));
        }
        App.LayoutAndDraw();
    }

    /// <summary>The screen's lines that contain the text.</summary>
    public IReadOnlyList<string> LinesWith(string text) =>
        Screen.Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();

    public void Dispose()
    {
        App.End(_session);
        Browser.Dispose();
        App.Dispose();
        // Terminal.Gui installs a context only its main loop pumps; a test awaiting afterwards needs the old one.
        SynchronizationContext.SetSynchronizationContext(_previousContext);
    }
}
