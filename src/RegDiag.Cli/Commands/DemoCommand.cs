using System.CommandLine;
using RegDiag.Cli.Commands.Demo;
using RegDiag.Lab.Scenarios;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag demo [--scenario NAME] [--no-tui]`.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "The lab fault to reproduce (see 'regdiag lab --help' for the list).",
            DefaultValueFactory = _ => LabScenarios.S3HeadForbidden,
        };
        var noTui = new Option<bool>("--no-tui") { Description = "Print the analysis instead of opening the terminal UI." };
        var home = new Option<string?>("--home")
        {
            Description = "Where the demo keeps the proxy CA, the journal and the lab's files (default $REGDIAG_HOME, else ~/.regdiag).",
        };
        var json = new Option<bool>("--json") { Description = "With --no-tui: print the analysis as JSON (as 'regdiag analyze --json')." };
        var command = new Command("demo",
            "Reproduce a failing push in one command: a lab registry with S3 storage and a fault, the proxy, and a " +
            "push client that speaks like docker; then show the diagnosis (terminal UI, or text with --no-tui).");
        command.Options.Add(scenario);
        command.Options.Add(noTui);
        command.Options.Add(json);
        command.Options.Add(home);
        command.SetAction((parseResult, cancellationToken) => new DemoHandler(
            parseResult.GetValue(scenario)!,
            parseResult.GetValue(noTui) || parseResult.GetValue(json),
            parseResult.GetValue(json),
            parseResult.GetValue(home),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error).ExecuteAsync(cancellationToken));
        return command;
    }
}
