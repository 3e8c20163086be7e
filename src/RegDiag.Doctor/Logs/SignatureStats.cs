namespace RegDiag.Doctor.Logs;

/// <summary>How often one signature occurred in the scanned logs, when first and last, and one example.</summary>
public sealed record SignatureStats(LogLineMatch Match, long Count, string? FirstTime, string? LastTime, string ExampleFile, long ExampleLine, string Example);
