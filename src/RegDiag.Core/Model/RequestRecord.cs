namespace RegDiag.Core.Model;

/// <summary>A request as it went over the wire.</summary>
public sealed record RequestRecord
{
    public required string Method { get; init; }

    /// <summary>The absolute URL, byte for byte as the client sent its target (no re-encoding).</summary>
    public required string Url { get; init; }

    /// <summary>"HTTP/1.1", "HTTP/2", ...</summary>
    public string HttpVersion { get; init; } = "HTTP/1.1";

    /// <summary>Headers in the order sent; a repeated header appears once per value.</summary>
    public IReadOnlyList<Header> Headers { get; init; } = [];

    public BodyRecord Body { get; init; } = BodyRecord.Empty;
}
