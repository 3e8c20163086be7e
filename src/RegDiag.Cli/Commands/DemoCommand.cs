using System.CommandLine;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag demo`.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Reproduce a failing push against the lab and show its diagnosis.");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine("regdiag demo: not implemented yet");
            return CommandLine.FailureFound;
        });
        return command;
    }
}
