namespace RegDiag.Cli.Commands.Lab;

/// <summary>What `regdiag lab --json` prints once the lab listens.</summary>
internal sealed record LabReadyRecord(
    string Registry,
    string RegistryHost,
    string Debug,
    string? CaPath,
    string? CertDirectory,
    string ConfigPath,
    string Storage,
    string? DataDirectory,
    string Auth,
    IReadOnlyList<LabUserRecord> Users,
    IReadOnlyList<string> Scenarios);

internal sealed record LabUserRecord(string Name, string Password);
