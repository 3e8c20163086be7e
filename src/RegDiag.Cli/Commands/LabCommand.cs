using System.CommandLine;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag lab`.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var command = new Command("lab", "Run the reference registry with its S3-compatible store and fault scenarios.");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine("regdiag lab: not implemented yet");
            return CommandLine.FailureFound;
        });
        return command;
    }
}
