namespace RegDiag.Doctor.Checks;

/// <summary>
/// What one check found: a verdict, one line a person reads first, what to do about it, and the evidence
/// (the observed facts the finding rests on, one per line).
/// </summary>
public sealed record CheckResult
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required CheckStatus Status { get; init; }

    public required string Finding { get; init; }

    /// <summary>What to do; null when nothing needs doing.</summary>
    public string? Fix { get; init; }

    public IReadOnlyList<string> Evidence { get; init; } = [];

    public double DurationMs { get; init; }
}
