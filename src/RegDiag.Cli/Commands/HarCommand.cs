using System.CommandLine;
using RegDiag.Cli.Commands.Har;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag har redact IN -o OUT`, `regdiag har export CAPTURE -o OUT [--no-redact]`.</summary>
internal static class HarCommand
{
    public static Command Create()
    {
        var command = new Command("har", "HAR utilities: redact a HAR captured elsewhere, export a capture as HAR.");
        command.Subcommands.Add(Redact());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Command Redact()
    {
        var input = new Argument<string>("in") { Description = "A HAR (any exporter) or a RegDiag journal." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the redacted HAR.", Required = true };
        var command = new Command("redact", "Write a copy of a capture with every secret replaced by a <redacted sha256:…> marker " +
            "(Authorization, cookies, tokens, passwords, signed-URL signatures). Bodies are kept as text up to 64 KiB; binary bodies are dropped.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.SetAction(parseResult => new HarExportHandler(
            parseResult.GetValue(input)!, parseResult.GetValue(output)!, redact: true,
            parseResult.InvocationConfiguration.Output).Execute());
        return command;
    }

    private static Command Export()
    {
        var input = new Argument<string>("capture") { Description = "A RegDiag journal (or a HAR)." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the HAR.", Required = true };
        var noRedact = new Option<bool>("--no-redact") { Description = "Keep credentials, tokens and signatures as captured (the file is created 0600)." };
        var command = new Command("export", "Export a capture as HAR 1.2, redacted unless --no-redact.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(noRedact);
        command.SetAction(parseResult => new HarExportHandler(
            parseResult.GetValue(input)!, parseResult.GetValue(output)!, redact: !parseResult.GetValue(noRedact),
            parseResult.InvocationConfiguration.Output).Execute());
        return command;
    }
}
