using RegDiag.Core;
using RegDiag.Core.Import;
using RegDiag.Tui.App;
using RegDiag.Tui.Flows;

namespace RegDiag.Cli.Commands.View;

/// <summary>Loads the capture (every problem with the file is an input error), then runs the UI on it.</summary>
internal sealed class ViewHandler(string path, TextWriter stderr)
{
    public int Execute()
    {
        var store = new FlowStore(live: false);
        try
        {
            store.Load(CaptureLoader.Load(path));
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"{path}: {e.Message}", e);
        }
        TerminalCheck.Require("regdiag view", $"regdiag analyze {path}");
        stderr.Flush();
        TuiRunner.Run(store, new TuiOptions
        {
            Title = $"regdiag view {Path.GetFileName(path)}",
            SourceFile = path,
            SelectFirstDiagnosed = true,
            DefaultExportPath = Path.ChangeExtension(Path.GetFileName(path), ".redacted.har"),
        });
        return CommandLine.Success;
    }
}
