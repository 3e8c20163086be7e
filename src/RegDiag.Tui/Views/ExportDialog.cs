using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RegDiag.Tui.Views;

/// <summary>
/// Asks where to write the HAR and whether to redact. Redaction is on; turning it off is a separate,
/// explicit tick with the consequence spelled out.
/// </summary>
internal static class ExportDialog
{
    /// <summary>The chosen path and redaction, or null when cancelled.</summary>
    public static (string Path, bool Redact)? Show(IApplication app, string defaultPath, int count)
    {
        using var dialog = new Dialog { Title = $"Export {count} flows as HAR", Width = Dim.Percent(80) };
        var pathLabel = new Label { Text = "File:", X = 0, Y = 0 };
        var path = new TextField { Text = defaultPath, X = Pos.Right(pathLabel) + 1, Y = 0, Width = Dim.Fill() };
        var keepSecrets = new CheckBox
        {
            Text = "Do _not redact: keep tokens, passwords, cookies and signatures in the file",
            X = 0, Y = 2,
        };
        var note = new Label
        {
            Text = "Redacted by default: credentials are replaced by markers, so the file can be shared.",
            X = 0, Y = 3, Width = Dim.Fill(),
        };
        dialog.Add(pathLabel, path, keepSecrets, note);
        dialog.AddButton(new Button { Text = "_Export", IsDefault = true });
        dialog.AddButton(new Button { Text = "_Cancel" });
        path.SetFocus();
        app.Run(dialog);
        if (dialog.Canceled || dialog.Result != 0 || string.IsNullOrWhiteSpace(path.Text))
        {
            return null;
        }
        return (path.Text.Trim(), keepSecrets.Value != CheckState.Checked);
    }
}
