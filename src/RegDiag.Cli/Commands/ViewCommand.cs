using System.CommandLine;
using RegDiag.Cli.Commands.View;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag view FILE`.</summary>
internal static class ViewCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file")
        {
            Description = "A capture: RegDiag's journal, or a HAR (RegDiag, mitmproxy, Chrome, Charles, Fiddler).",
        };
        var command = new Command("view", "Open a HAR or journal in the terminal UI (read-only), on its first failure.");
        command.Arguments.Add(file);
        command.SetAction(parseResult => new ViewHandler(
            parseResult.GetValue(file)!,
            parseResult.InvocationConfiguration.Error).Execute());
        return command;
    }
}
