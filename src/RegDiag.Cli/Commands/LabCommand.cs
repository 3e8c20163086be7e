using System.CommandLine;
using RegDiag.Cli.Commands.Lab;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag lab`: the reference registry, its debug server and fault scenarios.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var definition = new LabCommandDefinition();
        var command = new Command("lab", "Run the reference registry with its S3-compatible store and fault scenarios.");
        definition.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            new LabCommandHandler(definition, parseResult).ExecuteAsync(cancellationToken));
        return command;
    }
}
