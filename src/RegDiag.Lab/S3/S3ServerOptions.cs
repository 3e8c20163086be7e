using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace RegDiag.Lab.S3;

/// <summary>How the lab's S3-compatible endpoint is set up: one bucket, one key pair, one region, a policy, a clock.</summary>
internal sealed record S3ServerOptions
{
    public required string DataDirectory { get; init; }

    public string Bucket { get; init; } = "registry";

    public string Region { get; init; } = "us-east-1";

    /// <summary>The one access key the endpoint knows (no well-known default: every lab makes its own).</summary>
    public required string AccessKey { get; init; }

    public required string SecretKey { get; init; }

    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>With a certificate the endpoint speaks HTTPS, else plain HTTP.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The host name in the endpoint URL (presigned URLs use it); also a suffix for virtual-hosted buckets.</summary>
    public string HostName { get; init; } = "127.0.0.1";

    /// <summary>Names under which "bucket.NAME" selects virtual-hosted addressing.</summary>
    public IReadOnlyList<string> VirtualHostSuffixes { get; init; } = ["localhost", "s3.test"];

    public S3Policy Policy { get; init; } = S3Policy.AllowAll;

    /// <summary>The endpoint's clock; a shifted clock reproduces skew between registry and S3.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
