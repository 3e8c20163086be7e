using Terminal.Gui.Input;

namespace RegDiag.Tui.App;

/// <summary>One key of the UI: the table of these drives the key handler, the status bar and the help screen.</summary>
/// <param name="Key">The key.</param>
/// <param name="Label">The short name the status bar shows.</param>
/// <param name="Help">One line for the help screen.</param>
/// <param name="Run">What it does.</param>
/// <param name="InStatusBar">Whether the status bar lists it (the bar is narrow).</param>
internal sealed record KeyCommand(Key Key, string Label, string Help, Action<FlowBrowser> Run, bool InStatusBar = true);
