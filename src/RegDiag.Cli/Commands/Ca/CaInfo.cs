namespace RegDiag.Cli.Commands.Ca;

/// <summary>What `regdiag ca init --json` prints.</summary>
internal sealed record CaInfo(
    string CertificatePath,
    string KeyPath,
    string Subject,
    DateTime NotBefore,
    DateTime NotAfter,
    string Sha256Fingerprint,
    IReadOnlyList<string> NameConstraints,
    bool Created);
