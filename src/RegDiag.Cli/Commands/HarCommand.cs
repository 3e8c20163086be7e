using System.CommandLine;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag har`.</summary>
internal static class HarCommand
{
    public static Command Create()
    {
        var command = new Command("har", "HAR utilities (redact).");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine("regdiag har: not implemented yet");
            return CommandLine.FailureFound;
        });
        return command;
    }
}
