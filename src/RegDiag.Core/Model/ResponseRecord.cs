namespace RegDiag.Core.Model;

/// <summary>A response as it went over the wire.</summary>
public sealed record ResponseRecord
{
    public required int Status { get; init; }

    public string? Reason { get; init; }

    public string HttpVersion { get; init; } = "HTTP/1.1";

    public IReadOnlyList<Header> Headers { get; init; } = [];

    public BodyRecord Body { get; init; } = BodyRecord.Empty;
}
