using Terminal.Gui.App;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.App;

/// <summary>Runs the terminal UI over a store until the user quits. The one entry point the CLI calls.</summary>
public static class TuiRunner
{
    /// <summary>Blocks until the user quits or <paramref name="cancellation"/> fires.</summary>
    public static void Run(FlowStore store, TuiOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        using var app = Application.Create();
        app.Init();
        using var browser = new FlowBrowser(app, store, options);
        using var registration = cancellation.Register(() => app.Invoke(() => app.RequestStop()));
        app.Run(browser);
    }
}
