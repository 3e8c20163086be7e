namespace RegDiag.Core.Knowledge;

/// <summary>
/// A matched signature with its texts filled in from the evidence, and every exchange that shows it.
/// Exchanges matching the same signature with the same explanation are one diagnosis.
/// </summary>
public sealed record Diagnosis
{
    public required string Id { get; init; }

    public required string Group { get; init; }

    public required Severity Severity { get; init; }

    public required string Title { get; init; }

    public required string Cause { get; init; }

    public required string Fix { get; init; }

    public string? Docs { get; init; }

    public IReadOnlyList<ClientWording> Clients { get; init; } = [];

    /// <summary>How many exchanges showed it (evidence lists at most <see cref="DiagnosisEngine.EvidenceLimit"/>).</summary>
    public int Count { get; init; }

    public required IReadOnlyList<Evidence> Evidence { get; init; }

    /// <summary>True when every occurrence was later retried successfully (the severity was lowered).</summary>
    public bool Recovered { get; init; }
}
