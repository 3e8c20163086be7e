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
    IReadOnlyList<string> Scenarios,
    LabS3Record? S3 = null);

internal sealed record LabUserRecord(string Name, string Password);

/// <summary>The lab's S3 endpoint with --storage s3 (the secret key is in config.yml, mode 0600).</summary>
internal sealed record LabS3Record(string Endpoint, string Bucket, string Region, string AccessKey);
