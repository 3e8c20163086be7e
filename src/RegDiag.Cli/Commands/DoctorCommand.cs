using System.CommandLine;
using RegDiag.Cli.Commands.Doctor;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag doctor [HOST[:PORT]] [options]`: the options live in <see cref="DoctorDefinition"/>, the work in <see cref="DoctorHandler"/>.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var definition = new DoctorDefinition();
        var command = new Command("doctor",
            "Check a registry the way an expert would: reachability, TLS, API, auth, clock skew, image name, debug server, S3 permissions, logs, and a probe push. Exit 0 when nothing failed, 1 when a check failed, 2 on usage errors.");
        definition.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => new DoctorHandler(definition, parseResult).RunAsync(cancellationToken));
        return command;
    }
}
