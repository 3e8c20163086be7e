using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RegDiag.Tui.Views;

/// <summary>A modal dialog showing scrollable read-only text (help, a curl command) with buttons.</summary>
internal static class TextDialog
{
    /// <summary>Shows the text and returns the index of the button pressed, or null for Esc.</summary>
    public static int? Show(IApplication app, string title, string text, params string[] buttons)
    {
        using var dialog = new Dialog { Title = title, Width = Dim.Percent(90), Height = Dim.Percent(85) };
        var view = new TextPane(wrap: true) { Text = text, Height = Dim.Fill(1) };
        dialog.Add(view);
        foreach (var label in buttons.Length == 0 ? ["Close"] : buttons)
        {
            dialog.AddButton(new Button { Text = label });
        }
        app.Run(dialog);
        return dialog.Canceled ? null : dialog.Result;
    }
}
