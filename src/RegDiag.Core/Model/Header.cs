namespace RegDiag.Core.Model;

/// <summary>One header line. Kept as a list rather than a dictionary so order and repeats survive.</summary>
public sealed record Header(string Name, string Value);
