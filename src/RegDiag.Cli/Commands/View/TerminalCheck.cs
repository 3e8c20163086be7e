using RegDiag.Core;

namespace RegDiag.Cli.Commands.View;

/// <summary>The terminal UI needs a terminal: say what to run instead when there is none.</summary>
internal static class TerminalCheck
{
    public static void Require(string command, string instead)
    {
        if (Console.IsInputRedirected || Console.IsOutputRedirected)
        {
            throw new InputException($"{command} needs a terminal (input or output is redirected); for text output run: {instead}");
        }
    }
}
