using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using RegDiag.Core;
using RegDiag.Core.Text;
using RegDiag.Lab;
using RegDiag.Lab.Scenarios;

namespace RegDiag.Cli.Commands.Lab;

/// <summary>Runs `regdiag lab`: validates options, starts the lab, prints how to use it, waits for Ctrl-C.</summary>
internal sealed class LabCommandHandler(LabCommandDefinition definition, ParseResult parseResult)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    private TextWriter Out => parseResult.InvocationConfiguration.Output;

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(definition.Json);
        if (parseResult.GetValue(definition.ListScenarios))
        {
            ListScenarios(json);
            return CommandLine.Success;
        }
        var options = BuildOptions(json);
        RunningLab lab;
        try
        {
            lab = await LabHost.StartAsync(options, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message, e);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException($"cannot listen: {e.Message} (another lab or registry runs there; choose other ports with --port and --debug-port)", e);
        }
        await using (lab)
        {
            if (json)
            {
                Out.WriteLine(JsonSerializer.Serialize(ReadyRecord(lab), JsonOptions));
            }
            else
            {
                new LabBanner(AnsiStyle.ForStdout()).Write(Out, lab);
            }
            Out.Flush();
            // Ctrl-C and SIGTERM stop the lab cleanly (servers stopped, temporary data removed) and exit 0.
            // The signal only completes a task: stopping runs on the awaiting side, not inside the signal handler
            // (disposing the servers there would run under the runtime's signal dispatch).
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var cancelled = cancellationToken.Register(() => stop.TrySetResult());
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            await stop.Task;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.TrySetResult();
            }
        }
        return CommandLine.Success;
    }

    private LabOptions BuildOptions(bool json)
    {
        var storage = parseResult.GetValue(definition.Storage) switch
        {
            "fs" or "filesystem" => LabStorageKind.Filesystem,
            "s3" => LabStorageKind.S3,
            var other => throw new InputException($"--storage {other}: expected fs or s3"),
        };
        var auth = parseResult.GetValue(definition.Auth) switch
        {
            "none" => LabAuthMode.None,
            "token" => LabAuthMode.Token,
            var other => throw new InputException($"--auth {other}: expected none or token"),
        };
        var users = new List<LabUser>();
        foreach (var user in parseResult.GetValue(definition.User) ?? [])
        {
            try
            {
                users.Add(LabUser.Parse(user));
            }
            catch (FormatException e)
            {
                throw new InputException($"--user {e.Message}");
            }
        }
        if (users.Count > 0 && auth != LabAuthMode.Token)
        {
            throw new InputException("--user needs --auth token (the lab is anonymous otherwise)");
        }
        var scenarios = parseResult.GetValue(definition.Scenario) ?? [];
        foreach (var scenario in scenarios)
        {
            if (LabScenarios.Find(scenario) == null)
            {
                throw new InputException(
                    $"--scenario {scenario}: unknown scenario (known: {string.Join(", ", LabScenarios.All.Select(d => d.Name))})");
            }
        }
        if (!IPAddress.TryParse(parseResult.GetValue(definition.Listen), out var listen))
        {
            throw new InputException($"--listen {parseResult.GetValue(definition.Listen)}: not an IP address");
        }
        var data = parseResult.GetValue(definition.Data);
        if (data != null && File.Exists(data))
        {
            throw new InputException($"--data {data}: is a file, expected a directory");
        }
        var port = parseResult.GetValue(definition.Port);
        var debugPort = parseResult.GetValue(definition.DebugPort);
        var s3Port = parseResult.GetValue(definition.S3Port);
        if (port is < 0 or > 65535 || debugPort is < 0 or > 65535 || s3Port is < 0 or > 65535)
        {
            throw new InputException("--port, --debug-port and --s3-port must be between 0 and 65535");
        }
        var s3Hostname = parseResult.GetValue(definition.S3Hostname) ?? "127.0.0.1";
        if (Uri.CheckHostName(s3Hostname) == UriHostNameType.Unknown)
        {
            throw new InputException($"--s3-hostname {s3Hostname}: not a host name or IP address");
        }
        return new LabOptions
        {
            Port = port,
            DebugPort = debugPort,
            ListenAddress = listen,
            Storage = storage,
            S3Port = s3Port,
            S3Hostname = s3Hostname,
            NoRedirect = parseResult.GetValue(definition.NoRedirect),
            DataDirectory = data == null ? null : Path.GetFullPath(data),
            Scenarios = scenarios,
            Hostnames = parseResult.GetValue(definition.Hostname) ?? [],
            PlainHttp = parseResult.GetValue(definition.PlainHttp),
            Auth = auth,
            Users = users,
            LogOutput = json ? null : Out,
            LogFile = parseResult.GetValue(definition.LogFile),
        };
    }

    private void ListScenarios(bool json)
    {
        if (json)
        {
            var rows = LabScenarios.All.Select(d => new LabScenarioRecord(d.Name, d.Component, d.Description, d.Symptom));
            Out.WriteLine(JsonSerializer.Serialize(rows, JsonOptions));
            return;
        }
        var style = AnsiStyle.ForStdout();
        foreach (var scenario in LabScenarios.All)
        {
            Out.WriteLine($"{style.Bold(scenario.Name)} ({scenario.Component})");
            Out.WriteLine($"  {scenario.Description}");
            Out.WriteLine($"  {style.Dim("symptom:")} {scenario.Symptom}");
        }
    }

    private static LabReadyRecord ReadyRecord(RunningLab lab) => new(
        lab.RegistryUri.AbsoluteUri,
        lab.RegistryHost,
        lab.DebugUri.AbsoluteUri,
        lab.CaCertificatePath,
        lab.CertDirectory,
        lab.ConfigPath,
        lab.Options.Storage == LabStorageKind.S3 ? "s3" : "fs",
        lab.DataDirectory,
        lab.Options.Auth == LabAuthMode.Token ? "token" : "none",
        lab.Users.Select(u => new LabUserRecord(u.Name, u.Password)).ToList(),
        lab.Scenarios.Names.Order(StringComparer.Ordinal).ToList(),
        lab.S3Endpoint is { } s3 ? new LabS3Record(s3.Endpoint.AbsoluteUri, s3.Bucket, s3.Region, s3.AccessKey) : null);
}
