using System.CommandLine;

namespace RegDiag.Cli.Commands.Lab;

/// <summary>The options of `regdiag lab` (names fixed by issue 3: scripts and other tools rely on them).</summary>
internal sealed class LabCommandDefinition
{
    public Option<int> Port { get; } = new("--port")
    {
        Description = "Registry port (0 picks a free one)",
        DefaultValueFactory = _ => 5000,
    };

    public Option<int> DebugPort { get; } = new("--debug-port")
    {
        Description = "Debug server port: /debug/health, /debug/vars, /metrics",
        DefaultValueFactory = _ => 5001,
    };

    public Option<string> Storage { get; } = new("--storage")
    {
        Description = "Storage backend: fs (filesystem) or s3 (the lab's S3-compatible endpoint)",
        DefaultValueFactory = _ => "fs",
    };

    public Option<int> S3Port { get; } = new("--s3-port")
    {
        Description = "Port of the lab's S3-compatible endpoint with --storage s3 (0 picks a free one)",
        DefaultValueFactory = _ => 9000,
    };

    public Option<string> S3Hostname { get; } = new("--s3-hostname")
    {
        Description = "Host name in presigned S3 redirect URLs (use a name, e.g. s3.test, for clients behind a proxy)",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public Option<bool> NoRedirect { get; } = new("--no-redirect") { Description = "With S3 storage, serve blob bytes instead of a 307 to S3" };

    public Option<string?> Data { get; } = new("--data") { Description = "Directory for filesystem storage (default: a temporary directory)" };

    public Option<string[]> Scenario { get; } = new("--scenario")
    {
        Description = "Fault scenario to inject; repeat to combine (see --list-scenarios)",
    };

    public Option<string[]> Hostname { get; } = new("--hostname")
    {
        Description = "Extra host name for the TLS certificate (localhost and 127.0.0.1 are always covered); repeatable",
    };

    public Option<bool> PlainHttp { get; } = new("--plain-http") { Description = "Serve plain HTTP instead of TLS" };

    public Option<string> Auth { get; } = new("--auth")
    {
        Description = "none (anonymous) or token (Docker token auth with a token server on the lab)",
        DefaultValueFactory = _ => "none",
    };

    public Option<string[]> User { get; } = new("--user") { Description = "Token-auth user NAME:PASSWORD; repeatable" };

    public Option<string> Listen { get; } = new("--listen")
    {
        Description = "Address to listen on",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public Option<string?> LogFile { get; } = new("--log-file") { Description = "Also append the registry log (logrus text) to FILE" };

    public Option<bool> ListScenarios { get; } = new("--list-scenarios") { Description = "List the fault scenarios and exit" };

    public Option<bool> Json { get; } = new("--json") { Description = "Machine-readable output (the ready record, or the scenario list)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Port);
        command.Options.Add(DebugPort);
        command.Options.Add(Storage);
        command.Options.Add(S3Port);
        command.Options.Add(S3Hostname);
        command.Options.Add(NoRedirect);
        command.Options.Add(Data);
        command.Options.Add(Scenario);
        command.Options.Add(Hostname);
        command.Options.Add(PlainHttp);
        command.Options.Add(Auth);
        command.Options.Add(User);
        command.Options.Add(Listen);
        command.Options.Add(LogFile);
        command.Options.Add(ListScenarios);
        command.Options.Add(Json);
    }
}
