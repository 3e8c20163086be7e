using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace RegDiag.Tui.Views;

// TextView is marked obsolete in favour of EditorView, which lives in a separate package the project does
// not have; TextView is still shipped and is exactly a scrollable, selectable, read-only text pane.
#pragma warning disable CS0618
/// <summary>A read-only, scrollable, selectable text pane (detail, timeline, help).</summary>
internal sealed class TextPane : TextView
#pragma warning restore CS0618
{
    public TextPane(bool wrap)
    {
        ReadOnly = true;
        WordWrap = wrap;
        Width = Dim.Fill();
        Height = Dim.Fill();
    }
}
