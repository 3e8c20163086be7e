namespace RegDiag.Core.Decoding;

/// <summary>Which object store (or CDN) a storage exchange went to, as distribution's drivers produce URLs.</summary>
public enum StorageProvider
{
    /// <summary>A redirect target with no recognisable signature (a plain CDN, a file server).</summary>
    Unknown,

    /// <summary>Amazon S3 (*.amazonaws.com).</summary>
    S3,

    /// <summary>An S3-compatible endpoint (MinIO, Ceph RGW, the lab): S3 signing on another host.</summary>
    S3Compatible,

    /// <summary>Google Cloud Storage (V4 or V2 signed URLs, or the JSON/XML API).</summary>
    Gcs,

    /// <summary>Azure Blob Storage (shared access signatures or SharedKey).</summary>
    Azure,

    /// <summary>Amazon CloudFront signed URLs (distribution's cloudfront middleware).</summary>
    CloudFront,
}
