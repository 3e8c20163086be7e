using System.CommandLine;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag ca`.</summary>
internal static class CaCommand
{
    public static Command Create()
    {
        var command = new Command("ca", "Create, locate and export the proxy's certificate authority.");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine("regdiag ca: not implemented yet");
            return CommandLine.FailureFound;
        });
        return command;
    }
}
