namespace RegDiag.Core.Decoding;

/// <summary>
/// What a storage key means in distribution's layout under <c>&lt;root&gt;/docker/registry/v2/</c>:
/// <c>repositories/&lt;name&gt;/_layers/sha256/&lt;d&gt;/link</c>, <c>…/_manifests/revisions|tags/…</c>,
/// <c>…/_uploads/&lt;uuid&gt;/data</c>, <c>blobs/sha256/&lt;xx&gt;/&lt;d&gt;/data</c>.
/// </summary>
public sealed record DistributionKey
{
    /// <summary>"layer-link", "manifest-revision", "tag", "upload", "blob-data", "repositories", "blobs".</summary>
    public required string Role { get; init; }

    public string? Repository { get; init; }

    public string? Digest { get; init; }

    public string? Tag { get; init; }

    public string? UploadId { get; init; }
}
