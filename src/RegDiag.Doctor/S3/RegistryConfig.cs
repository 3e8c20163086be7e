using RegDiag.Core;

namespace RegDiag.Doctor.S3;

/// <summary>The storage.s3 section of a distribution or GitLab registry config.yml.</summary>
public static class RegistryConfig
{
    public static S3Settings? ReadS3(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputException($"--registry-config {path}: no such file");
        }
        Dictionary<string, string> values;
        using (var reader = File.OpenText(path))
        {
            values = YamlMap.Read(reader);
        }
        const string prefix = "storage.s3.";
        var s3 = values.Where(kv => kv.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(kv => kv.Key[prefix.Length..].ToLowerInvariant(), kv => kv.Value);
        if (s3.Count == 0)
        {
            return null;
        }
        string? Get(string key) => s3.TryGetValue(key, out var v) && v.Length > 0 && v != "~" && v != "null" ? v : null;
        bool? Flag(string key) => Get(key) is { } v ? v.Equals("true", StringComparison.OrdinalIgnoreCase) : null;
        return new S3Settings
        {
            AccessKey = Get("accesskey"),
            SecretKey = Get("secretkey"),
            Region = Get("region"),
            RegionEndpoint = Get("regionendpoint"),
            Bucket = Get("bucket"),
            RootDirectory = Get("rootdirectory"),
            Encrypt = Flag("encrypt"),
            Secure = Flag("secure"),
            V4Auth = Flag("v4auth"),
            // distribution calls it forcepathstyle; GitLab's fork pathstyle.
            ForcePathStyle = Flag("forcepathstyle") ?? Flag("pathstyle"),
            SkipVerify = Flag("skipverify"),
        };
    }
}
