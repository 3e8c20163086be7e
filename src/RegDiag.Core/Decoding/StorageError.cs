namespace RegDiag.Core.Decoding;

/// <summary>
/// An object store's error: from the XML body (S3 &lt;Error&gt;, GCS, Azure), or, for a body-less HEAD, only
/// the status and headers (then <see cref="Code"/> is null and the context must explain it).
/// </summary>
public sealed record StorageError
{
    public string? Code { get; init; }

    public string? Message { get; init; }

    /// <summary>The region S3 says the bucket is in (x-amz-bucket-region, &lt;Region&gt;).</summary>
    public string? BucketRegion { get; init; }

    /// <summary>The endpoint S3 says to use (&lt;Endpoint&gt; of a PermanentRedirect).</summary>
    public string? Endpoint { get; init; }

    /// <summary>&lt;ServerTime&gt; / &lt;Expires&gt; of an expired presigned URL; &lt;RequestTime&gt; of a skew error.</summary>
    public DateTimeOffset? ServerTime { get; init; }

    public DateTimeOffset? Expires { get; init; }

    public DateTimeOffset? RequestTime { get; init; }

    public string? RequestId { get; init; }
}
