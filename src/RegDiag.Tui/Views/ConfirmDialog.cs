using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RegDiag.Tui.Views;

/// <summary>A yes/no question whose Enter means yes (the confirm button has the focus); Esc means no.</summary>
internal static class ConfirmDialog
{
    public static bool Show(IApplication app, string title, string text, string confirm)
    {
        using var dialog = new Dialog { Title = title };
        dialog.Add(new Label { Text = text, X = 0, Y = 0 });
        var confirmed = false;
        var yes = new Button { Text = confirm, IsDefault = true };
        var no = new Button { Text = "_Cancel" };
        yes.Accepting += (_, e) => Close(e, true);
        no.Accepting += (_, e) => Close(e, false);
        dialog.AddButton(yes);
        dialog.AddButton(no);
        dialog.IsModalChanged += (_, _) => yes.SetFocus();
        app.Run(dialog);
        return confirmed;

        void Close(CommandEventArgs e, bool answer)
        {
            confirmed = answer;
            e.Handled = true;
            app.RequestStop(dialog);
        }
    }
}
