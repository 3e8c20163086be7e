using System.CommandLine;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag proxy`.</summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var command = new Command("proxy", "Run the intercepting HTTPS proxy with its terminal UI (or --no-tui).");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine("regdiag proxy: not implemented yet");
            return CommandLine.FailureFound;
        });
        return command;
    }
}
