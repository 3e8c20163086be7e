namespace RegDiag.Doctor.S3;

/// <summary>
/// The registry's S3 storage settings, named as in its config (storage.s3.*). Null means "not set"; flags
/// given to doctor override the config file's values one by one.
/// </summary>
public sealed record S3Settings
{
    public string? AccessKey { get; init; }
    public string? SecretKey { get; init; }
    public string? Region { get; init; }
    public string? RegionEndpoint { get; init; }
    public string? Bucket { get; init; }
    public string? RootDirectory { get; init; }
    public bool? Encrypt { get; init; }
    public bool? Secure { get; init; }
    public bool? V4Auth { get; init; }
    public bool? ForcePathStyle { get; init; }
    public bool? SkipVerify { get; init; }

    /// <summary>These settings with every value <paramref name="overrides"/> sets replacing ours.</summary>
    public S3Settings With(S3Settings? overrides) => overrides == null ? this : new S3Settings
    {
        AccessKey = overrides.AccessKey ?? AccessKey,
        SecretKey = overrides.SecretKey ?? SecretKey,
        Region = overrides.Region ?? Region,
        RegionEndpoint = overrides.RegionEndpoint ?? RegionEndpoint,
        Bucket = overrides.Bucket ?? Bucket,
        RootDirectory = overrides.RootDirectory ?? RootDirectory,
        Encrypt = overrides.Encrypt ?? Encrypt,
        Secure = overrides.Secure ?? Secure,
        V4Auth = overrides.V4Auth ?? V4Auth,
        ForcePathStyle = overrides.ForcePathStyle ?? ForcePathStyle,
        SkipVerify = overrides.SkipVerify ?? SkipVerify,
    };

    /// <summary>The endpoint URL the driver uses: regionendpoint (with http:// when secure is false) or AWS's.</summary>
    public Uri? EndpointUri
    {
        get
        {
            if (string.IsNullOrEmpty(RegionEndpoint))
            {
                return null;
            }
            var text = RegionEndpoint.Contains("://", StringComparison.Ordinal)
                ? RegionEndpoint
                : (Secure == false ? "http://" : "https://") + RegionEndpoint;
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
        }
    }

    /// <summary>The key prefix the registry writes under (rootdirectory without slashes at the ends).</summary>
    public string KeyPrefix => (RootDirectory ?? "").Trim('/');
}
