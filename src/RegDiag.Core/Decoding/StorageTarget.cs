namespace RegDiag.Core.Decoding;

/// <summary>A storage request: where it went and with what signature.</summary>
public sealed record StorageTarget
{
    public StorageProvider Provider { get; init; }

    public StorageAuth Auth { get; init; }

    /// <summary>The bucket (S3, GCS) or container (Azure), when the URL names one.</summary>
    public string? Bucket { get; init; }

    /// <summary>The object key, decoded.</summary>
    public string? Key { get; init; }

    /// <summary>True for virtual-hosted style (bucket in the host name), false for path style.</summary>
    public bool VirtualHosted { get; init; }

    /// <summary>The region the signature was made for (SigV4 credential scope).</summary>
    public string? SignedRegion { get; init; }

    /// <summary>The access key that signed, as a redaction marker (the key id itself is never output).</summary>
    public string? AccessKey { get; init; }

    /// <summary>When the request was signed (X-Amz-Date / X-Goog-Date).</summary>
    public DateTimeOffset? SignedAt { get; init; }

    /// <summary>Presigned URL lifetime in seconds (X-Amz-Expires), or derived from an absolute expiry.</summary>
    public int? ExpiresSeconds { get; init; }

    /// <summary>Absolute expiry of a presigned URL (SigV4 date + expires, SigV2/CloudFront Expires, Azure se).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The S3 multipart upload id, when the request is part of one.</summary>
    public string? MultipartUploadId { get; init; }

    /// <summary>What distribution's key layout says about the object (both-sides correlation).</summary>
    public DistributionKey? Layout { get; init; }
}
