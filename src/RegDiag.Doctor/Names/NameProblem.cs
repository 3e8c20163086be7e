namespace RegDiag.Doctor.Names;

/// <summary>One thing wrong with an image name: which part, why, and whose rule it breaks.</summary>
public sealed record NameProblem(string Component, string Message, NameRule Rule);
