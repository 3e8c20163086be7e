using System.CommandLine;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag doctor`.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check a registry: reachability, TLS, auth, clock, S3, names, debug endpoints, logs, probe push.");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine("regdiag doctor: not implemented yet");
            return CommandLine.FailureFound;
        });
        return command;
    }
}
