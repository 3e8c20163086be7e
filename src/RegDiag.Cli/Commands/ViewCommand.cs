using System.CommandLine;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag view`.</summary>
internal static class ViewCommand
{
    public static Command Create()
    {
        var command = new Command("view", "Open a HAR or journal in the terminal UI (read-only).");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine("regdiag view: not implemented yet");
            return CommandLine.FailureFound;
        });
        return command;
    }
}
