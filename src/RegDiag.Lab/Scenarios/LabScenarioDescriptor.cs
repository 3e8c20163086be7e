namespace RegDiag.Lab.Scenarios;

/// <summary>A fault scenario as data: its --scenario name, what it does, and the symptom a client sees.</summary>
/// <param name="Component">Which part of the lab injects it: "registry" or "s3".</param>
public sealed record LabScenarioDescriptor(string Name, string Description, string Symptom, string Component);
