namespace RegDiag.Doctor.Logs;

/// <summary>The outcome of scanning a set of log files.</summary>
public sealed record LogScanResult(long Lines, long Bytes, IReadOnlyList<SignatureStats> Signatures, TimeSpan Elapsed);
