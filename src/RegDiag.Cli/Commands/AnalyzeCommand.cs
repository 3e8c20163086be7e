using System.CommandLine;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag analyze`.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var command = new Command("analyze", "Decode a capture (journal or HAR): timeline and diagnoses.");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine("regdiag analyze: not implemented yet");
            return CommandLine.FailureFound;
        });
        return command;
    }
}
