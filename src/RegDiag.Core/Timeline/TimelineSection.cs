using RegDiag.Core.Correlation;

namespace RegDiag.Core.Timeline;

/// <summary>One operation (a push or pull of a repository), or the traffic that belongs to none.</summary>
public sealed record TimelineSection
{
    public required string Title { get; init; }

    /// <summary>The operation's id in the analysis; null for the section of ungrouped traffic.</summary>
    public int? Operation { get; init; }

    public OperationKind? Kind { get; init; }

    public string? Registry { get; init; }

    public string? Repository { get; init; }

    public string? Reference { get; init; }

    public OperationOutcome? Outcome { get; init; }

    public DateTimeOffset Start { get; init; }

    public double DurationMs { get; init; }

    public long Bytes { get; init; }

    public double? Throughput { get; init; }

    /// <summary>The exchange where it stopped, if it failed.</summary>
    public long? StoppedAt { get; init; }

    public required IReadOnlyList<TimelineLane> Lanes { get; init; }
}
