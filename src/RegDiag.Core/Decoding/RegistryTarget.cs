namespace RegDiag.Core.Decoding;

/// <summary>The parts of a registry API path and query.</summary>
public sealed record RegistryTarget
{
    /// <summary>The repository name, all path levels ("group/project/image").</summary>
    public string? Repository { get; init; }

    /// <summary>Manifest reference: a tag or a digest.</summary>
    public string? Reference { get; init; }

    /// <summary>The blob or manifest digest this request names (path, ?digest=, ?mount= or Docker-Content-Digest).</summary>
    public string? Digest { get; init; }

    /// <summary>The upload session id (the last path segment of /blobs/uploads/&lt;id&gt;).</summary>
    public string? UploadId { get; init; }

    /// <summary>Cross-repository mount source (?from=).</summary>
    public string? MountFrom { get; init; }

    /// <summary>Tags list paging (?n=, ?last=).</summary>
    public int? PageSize { get; init; }

    public string? PageLast { get; init; }
}
