namespace RegDiag.Doctor.Probe;

/// <summary>One request of a probe push and how it went.</summary>
public sealed record ProbeStep(string Name, string Method, string Url, int? Status, bool Ok, string Detail);
