namespace RegDiag.Core.Timeline;

/// <summary>A part of an operation: its token fetches, one layer, its manifests, or the rest.</summary>
public sealed record TimelineLane
{
    /// <summary>"auth", "layer", "manifests", "other".</summary>
    public required string Kind { get; init; }

    public required string Title { get; init; }

    public string? Digest { get; init; }

    public long Bytes { get; init; }

    public bool Failed { get; init; }

    public required IReadOnlyList<TimelineRow> Rows { get; init; }
}
