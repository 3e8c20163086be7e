using System.CommandLine;
using RegDiag.Cli.Commands.Analyze;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag analyze FILE [--json]`, `regdiag analyze --list-signatures [--json]`.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("file")
        {
            Description = "A capture: RegDiag's journal, or a HAR (RegDiag, mitmproxy, Chrome, Charles, Fiddler).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print the analysis as JSON (schema: docs/analyze-json.md)." };
        var list = new Option<bool>("--list-signatures") { Description = "List the knowledge base's failure signatures and exit." };
        var command = new Command("analyze", "Decode a capture (journal or HAR): timeline per push/pull and layer, and diagnoses. " +
            "Exit 0: no error found; 1: an error-level diagnosis; 2: unreadable input.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(list);
        command.SetAction(parseResult => new AnalyzeHandler(
            parseResult.GetValue(file),
            parseResult.GetValue(json),
            parseResult.GetValue(list),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error).Execute());
        return command;
    }
}
