namespace RegDiag.Doctor.Logs;

/// <summary>A log line recognised as a known failure: which signature, how bad, why, and what to do.</summary>
public sealed record LogLineMatch(string SignatureId, string Title, LogSeverity Severity, string Cause, string Fix);
