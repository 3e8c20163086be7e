using System.CommandLine;
using RegDiag.Cli.Commands;
using RegDiag.Core;

namespace RegDiag.Cli;

/// <summary>
/// Builds the command tree and runs it. Exit codes: 0 success, 1 a failure was found (or the command
/// failed), 2 usage or input error. Errors are one line on stderr, never a stack trace.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int FailureFound = 1;
    public const int UsageError = 2;

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("RegDiag: find out why a container image push or pull fails.");
        root.Subcommands.Add(ProxyCommand.Create());
        root.Subcommands.Add(CaCommand.Create());
        root.Subcommands.Add(LabCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(HarCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(ViewCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        // Bare `regdiag` shows the help rather than a parse error: it is how newcomers start.
        root.SetAction(parseResult =>
        {
            new System.CommandLine.Help.HelpAction().Invoke(parseResult);
            return UsageError;
        });
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var parseResult = CreateRoot().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            stderr.WriteLine($"regdiag: {parseResult.Errors[0].Message} (see 'regdiag --help')");
            return UsageError;
        }
        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration);
        }
        catch (InputException e)
        {
            stderr.WriteLine($"regdiag: {e.Message}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("regdiag: cancelled");
            return FailureFound;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"regdiag: {e.GetType().Name}: {e.Message}");
            return FailureFound;
        }
    }
}
