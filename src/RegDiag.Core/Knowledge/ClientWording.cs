namespace RegDiag.Core.Knowledge;

/// <summary>What a client prints for a failure: <c>{"client": "docker (before 20.10)", "says": "error parsing …"}</c>.</summary>
public sealed record ClientWording(string Client, string Says);
