namespace RegDiag.Core.Knowledge;

/// <summary>
/// The exchange that proves a diagnosis: what was sent and answered, the headers that matter and what the
/// context predicates noticed. Redacted: evidence is output.
/// </summary>
public sealed record Evidence
{
    /// <summary>The exchange's id in the capture.</summary>
    public required long Exchange { get; init; }

    /// <summary>"HEAD https://bucket.s3…/data?…" (redacted URL).</summary>
    public required string Request { get; init; }

    /// <summary>"403 Forbidden", or the transport error.</summary>
    public required string Outcome { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>"name: value" of the headers that show it.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Ids of other exchanges that are part of the proof (the redirect, the registry's storage call).</summary>
    public IReadOnlyList<long> Related { get; init; } = [];

    /// <summary>The push/pull operation it belongs to.</summary>
    public int? Operation { get; init; }
}
