using System.Security.Cryptography.X509Certificates;

namespace RegDiag.Lab.Storage;

/// <summary>
/// The s3aws driver's parameters, named as in distribution's storage.s3 configuration
/// (regionendpoint, region, bucket, accesskey, secretkey, rootdirectory, chunksize).
/// </summary>
internal sealed record S3DriverOptions
{
    /// <summary>regionendpoint: where the driver sends its own (header-signed) requests.</summary>
    public required Uri RegionEndpoint { get; init; }

    public required string Region { get; init; }

    public required string Bucket { get; init; }

    public required string AccessKey { get; init; }

    public required string SecretKey { get; init; }

    /// <summary>Prefix of every key; distribution's default is none, so keys start with docker/registry/v2.</summary>
    public string RootDirectory { get; init; } = "";

    /// <summary>Size of multipart parts; S3 needs at least 5 MiB for all but the last (distribution's default: 10 MiB).</summary>
    public int ChunkSize { get; init; } = 10 * 1024 * 1024;

    /// <summary>Objects above this size are moved by multipart UploadPartCopy instead of CopyObject (distribution: 32 MiB).</summary>
    public long MultipartCopyThreshold { get; init; } = 32 * 1024 * 1024;

    /// <summary>The base URL presigned redirect URLs point at (the --s3-hostname), defaulting to the region endpoint.</summary>
    public Uri? RedirectEndpoint { get; init; }

    /// <summary>Lifetime of presigned redirect URLs (distribution: 20 minutes).</summary>
    public TimeSpan RedirectExpiry { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>The CA to trust for an HTTPS endpoint with the lab's certificate; null uses the system's trust.</summary>
    public X509Certificate2? TrustedCa { get; init; }
}
