namespace RegDiag.Core.Model;

/// <summary>
/// What is kept of a body: its size and sha256 (computed while streaming) and, for textual bodies only,
/// the first <see cref="TextLimit"/> bytes as text. Binary bodies (layers) are never kept.
/// </summary>
public sealed record BodyRecord
{
    /// <summary>How much of a textual body is kept.</summary>
    public const int TextLimit = 64 * 1024;

    public static BodyRecord Empty { get; } = new();

    /// <summary>Bytes that went over the wire (after any transfer decoding, before content decoding).</summary>
    public long Size { get; init; }

    /// <summary>"sha256:&lt;hex&gt;" of the whole body, or null when not computed (e.g. imported HAR).</summary>
    public string? Sha256 { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The leading text of a textual body, or null for binary or absent bodies.</summary>
    public string? Text { get; init; }

    /// <summary>True when <see cref="Text"/> holds only the beginning of the body.</summary>
    public bool TextTruncated { get; init; }
}
