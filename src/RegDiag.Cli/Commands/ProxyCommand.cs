using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using RegDiag.Cli.Commands.Proxy;
using RegDiag.Core;
using RegDiag.Core.Redaction;
using RegDiag.Core.Text;
using RegDiag.Proxy;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag proxy`: the intercepting HTTPS proxy.</summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            HelpName = "ADDRESS",
            Description = "Address to listen on (default 127.0.0.1; anything else needs --allow-remote).",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on.", DefaultValueFactory = _ => 8080, HelpName = "PORT" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow listening on a non-loopback address." };
        var caDir = CaCommand.CreateCaDirOption();
        var upstreamCa = new Option<string[]>("--upstream-ca")
        {
            HelpName = "FILE",
            Description = "PEM file of a CA trusted for upstream certificates (repeatable), e.g. a registry's private CA.",
        };
        var insecure = new Option<bool>("--insecure-upstream") { Description = "Do not verify upstream certificates." };
        var passthrough = new Option<string[]>("--passthrough")
        {
            HelpName = "GLOB",
            Description = "Tunnel hosts matching this glob without interception (repeatable), e.g. '*.pinned.example'.",
        };
        var intercept = new Option<string[]>("--intercept")
        {
            HelpName = "GLOB",
            Description = "Intercept only hosts matching this glob (repeatable); others are tunnelled untouched.",
        };
        var noTui = new Option<bool>("--no-tui") { Description = "Print one line per exchange instead of the terminal UI." };
        var save = new Option<string?>("--save")
        {
            HelpName = "FILE.har",
            Description = "Write the capture as HAR 1.2 to this file at exit (Ctrl-C / SIGTERM), secrets redacted.",
        };
        var noRedact = new Option<bool>("--no-redact")
        {
            Description = "Keep secrets (Authorization, tokens, signatures, cookies) in the --save HAR. Do not share such a file.",
        };

        var command = new Command("proxy", "Run the intercepting HTTPS proxy with its terminal UI (or --no-tui).");
        foreach (var option in new Option[] { listen, port, allowRemote, caDir, upstreamCa, insecure, passthrough, intercept, noTui, save, noRedact })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new ProxyOptions
            {
                ListenAddress = ParseAddress(parseResult.GetValue(listen)!),
                Port = parseResult.GetValue(port) is var p and >= 0 and <= 65535
                    ? p
                    : throw new InputException($"--port {parseResult.GetValue(port)}: not a port number (0-65535)"),
                AllowRemote = parseResult.GetValue(allowRemote),
                CaDirectory = parseResult.GetValue(caDir),
                UpstreamCaFiles = parseResult.GetValue(upstreamCa) ?? [],
                InsecureUpstream = parseResult.GetValue(insecure),
                Passthrough = parseResult.GetValue(passthrough) ?? [],
                Intercept = parseResult.GetValue(intercept) ?? [],
            };
            var har = parseResult.GetValue(save) is { } path
                ? new HarExport(path, parseResult.GetValue(noRedact) ? RedactionOptions.None : RedactionOptions.Default)
                : null;
            har?.CheckWritable();
            var output = parseResult.InvocationConfiguration.Output;
            if (!parseResult.GetValue(noTui) && !Console.IsInputRedirected && !Console.IsOutputRedirected)
            {
                return await View.LiveCapture.RunAsync(options, har == null ? null : journal => WriteHar(har, journal, output), cancellationToken);
            }
            return await RunLinesAsync(options, har, output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunLinesAsync(ProxyOptions options, HarExport? har, TextWriter output, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var style = ReferenceEquals(output, Console.Out) ? AnsiStyle.ForStdout() : AnsiStyle.Plain;
        string journalPath;
        await using (var server = await ProxyServer.StartAsync(options, [new ExchangeLineSink(output, style)], stop.Token))
        {
            output.WriteLine($"regdiag proxy listening on {server.ProxyUri}");
            output.WriteLine($"  CA certificate: {server.CaCertificatePath} (clients must trust it: sudo ./install-ca.sh)");
            output.WriteLine($"  journal:        {server.JournalPath}");
            output.WriteLine($"  try:            HTTPS_PROXY={server.ProxyUri} skopeo inspect docker://REGISTRY/IMAGE");
            output.WriteLine("  stop with Ctrl-C");
            output.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            output.WriteLine("regdiag proxy: stopping");
            journalPath = server.JournalPath;
            if (server.SinkFailure != null)
            {
                output.WriteLine($"regdiag proxy: a recorder failed: {server.SinkFailure.Message}");
            }
        }
        return har == null ? CommandLine.Success : WriteHar(har, journalPath, output);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static int WriteHar(HarExport har, string journalPath, TextWriter output)
    {
        var count = har.WriteFrom(journalPath);
        output.WriteLine($"regdiag proxy: wrote {count} exchanges to {har.Path}{(har.Redacted ? " (secrets redacted)" : " (NOT redacted: do not share)")}");
        return CommandLine.Success;
    }

    internal static IPAddress ParseAddress(string text) => text switch
    {
        "localhost" => IPAddress.Loopback,
        _ when IPAddress.TryParse(text.Trim('[', ']'), out var address) => address,
        _ => throw new InputException($"--listen {text}: not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)"),
    };
}
