namespace RegDiag.Cli.Commands.Lab;

/// <summary>One row of `regdiag lab --list-scenarios --json`.</summary>
internal sealed record LabScenarioRecord(string Name, string Component, string Description, string Symptom);
