using Terminal.Gui.App;
using Terminal.Gui.Views;
using RegDiag.Core.Export;
using RegDiag.Core.Har;
using RegDiag.Core.Redaction;
using RegDiag.Tui.Flows;
using RegDiag.Tui.Views;

namespace RegDiag.Tui.App;

/// <summary>
/// What the action keys do beyond the list itself: export, copy as curl, show the journal, confirm quitting.
/// The dialogs ask; the work is in methods that tests call directly.
/// </summary>
internal sealed class FlowActions(IApplication app, FlowStore store, TuiOptions options)
{
    /// <summary>The last message an action produced (shown in the status line).</summary>
    public event Action<string>? Message;

    public void ShowHelp(string text) => TextDialog.Show(app, "Help", text);

    public void ExportHar(IReadOnlyList<Flow> flows)
    {
        if (flows.Count == 0)
        {
            Message?.Invoke("nothing to export");
            return;
        }
        if (ExportDialog.Show(app, options.DefaultExportPath, flows.Count) is not var (path, redact))
        {
            return;
        }
        try
        {
            Message?.Invoke(WriteHar(flows, path, redact));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            MessageBox.ErrorQuery(app, "Export failed", $"{path}: {e.Message}", "OK");
        }
    }

    /// <summary>Writes the flows as HAR and returns what to tell the user.</summary>
    public string WriteHar(IReadOnlyList<Flow> flows, string path, bool redact)
    {
        ArgumentNullException.ThrowIfNull(flows);
        HarWriter.WriteFile(flows.Select(f => f.Exchange), path, redact ? RedactionOptions.Default : RedactionOptions.None);
        if (flows.Count == store.Flows.Count)
        {
            store.MarkSaved();
        }
        return $"exported {flows.Count} flows to {path}{(redact ? " (redacted)" : " (NOT redacted: contains secrets)")}";
    }

    public void CopyCurl(Flow? flow)
    {
        if (flow == null)
        {
            Message?.Invoke("no exchange selected");
            return;
        }
        var command = CurlCommand.Format(flow.Exchange, Redactor.Default);
        var copied = app.Clipboard?.TrySetClipboardData(command) == true;
        TextDialog.Show(app, copied ? "Copied to the clipboard (redacted)" : "curl command (redacted)", command);
    }

    public void ShowJournal()
    {
        var text = options.JournalPath != null
            ? $"Every exchange of this capture is in\n{options.JournalPath}\n\nOpen it later with: regdiag view {options.JournalPath}"
            : options.SourceFile != null ? $"Viewing {options.SourceFile}; there is no journal for a file." : "This session has no journal.";
        MessageBox.Query(app, "Journal", text, "OK");
    }

    /// <summary>Asks before losing live flows that were never exported.</summary>
    public bool ConfirmQuit()
    {
        var journal = options.JournalPath != null ? $"\nThe journal keeps them: {options.JournalPath}" : "";
        return ConfirmDialog.Show(app, "Quit?", $"{store.Flows.Count} captured flows were not exported.{journal}", "_Quit");
    }
}
