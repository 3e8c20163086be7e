namespace RegDiag.Tui.Flows;

/// <summary>A diagnosis as the UI shows it next to the exchanges it cites.</summary>
/// <param name="Severity">"error", "warning" or "info".</param>
/// <param name="Headline">One line: what went wrong.</param>
/// <param name="Cause">The likely cause.</param>
/// <param name="Fix">What to do about it.</param>
/// <param name="Evidence">The facts from the exchanges that support it.</param>
public sealed record DiagnosisNote(string Severity, string Headline, string Cause, string Fix, IReadOnlyList<string> Evidence);
