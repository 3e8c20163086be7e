using RegDiag.Core.Decoding;

namespace RegDiag.Core.Timeline;

/// <summary>One exchange on a timeline, with everything a view shows about it (already redacted).</summary>
public sealed record TimelineRow
{
    /// <summary>The exchange's id in the capture.</summary>
    public required long Exchange { get; init; }

    /// <summary>Milliseconds from the section's start.</summary>
    public required double OffsetMs { get; init; }

    public required double DurationMs { get; init; }

    public required string Method { get; init; }

    /// <summary>A short, redacted target: the path for registry requests, host and key for storage.</summary>
    public required string Target { get; init; }

    public HostKind Kind { get; init; }

    public Operation Operation { get; init; }

    public int? Status { get; init; }

    /// <summary>Registry or storage error codes, or the transport error kind.</summary>
    public string? Codes { get; init; }

    /// <summary>Body bytes moved (request upload or response download).</summary>
    public long Bytes { get; init; }

    /// <summary>Bytes per second over the exchange's duration, for transfers.</summary>
    public double? Throughput { get; init; }

    public RowMarks Marks { get; init; }

    public bool Failed { get; init; }

    /// <summary>The diagnosis that cites this exchange, if any.</summary>
    public string? Diagnosis { get; init; }

    /// <summary>A one-line explanation: token scopes and expiry, the redirect target, the retried exchange.</summary>
    public string? Note { get; init; }
}
