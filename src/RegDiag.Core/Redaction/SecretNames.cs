namespace RegDiag.Core.Redaction;

/// <summary>
/// The names that carry secrets, as one table: header names whose whole value is secret, and field names
/// (query parameters, form fields, JSON keys, log key=value pairs) whose value is secret. How each is
/// replaced depends only on its <see cref="SecretKind"/>.
/// </summary>
internal static class SecretNames
{
    /// <summary>Headers replaced by a marker as a whole (Authorization and cookies have their own rules).</summary>
    public static readonly IReadOnlyDictionary<string, SecretKind> Headers =
        new Dictionary<string, SecretKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Amz-Security-Token"] = SecretKind.Token,
            ["X-Goog-Security-Token"] = SecretKind.Token,
            ["X-Auth-Token"] = SecretKind.Token,
            ["X-Api-Key"] = SecretKind.Token,
            ["Api-Key"] = SecretKind.Token,
            ["Private-Token"] = SecretKind.Token,   // GitLab personal access tokens
            ["Job-Token"] = SecretKind.Token,       // GitLab CI job tokens
            ["Deploy-Token"] = SecretKind.Token,
            ["X-Gitlab-Token"] = SecretKind.Token,
            ["X-Registry-Auth"] = SecretKind.Token, // docker engine API: base64 JSON with the password
            ["X-Registry-Config"] = SecretKind.Token,
            ["X-Csrf-Token"] = SecretKind.Token,
            ["X-Docker-Token"] = SecretKind.Token,
        };

    /// <summary>Fields whose value is secret, wherever they appear (URL query, form, JSON, logs).</summary>
    public static readonly IReadOnlyDictionary<string, SecretKind> Fields =
        new Dictionary<string, SecretKind>(StringComparer.OrdinalIgnoreCase)
        {
            // Token services (Docker token auth, OAuth2 form posts, GitLab /jwt/auth).
            ["token"] = SecretKind.Token,
            ["access_token"] = SecretKind.Token,
            ["refresh_token"] = SecretKind.Token,
            ["id_token"] = SecretKind.Token,
            ["offline_token"] = SecretKind.Token,
            ["private_token"] = SecretKind.Token,
            ["job_token"] = SecretKind.Token,
            ["client_secret"] = SecretKind.Token,
            ["secret"] = SecretKind.Token,
            ["secretkey"] = SecretKind.Token,
            ["secret_access_key"] = SecretKind.Token,
            ["secretaccesskey"] = SecretKind.Token,
            ["sessiontoken"] = SecretKind.Token,
            ["password"] = SecretKind.Password,
            ["passwd"] = SecretKind.Password,
            ["pass"] = SecretKind.Password,
            // AWS S3 presigned URLs: SigV4, SigV2.
            ["X-Amz-Signature"] = SecretKind.Token,
            ["X-Amz-Security-Token"] = SecretKind.Token,
            ["X-Amz-Credential"] = SecretKind.Credential,
            ["AWSAccessKeyId"] = SecretKind.Token,
            ["Credential"] = SecretKind.Credential, // inside an AWS4-HMAC-SHA256 Authorization value
            ["Signature"] = SecretKind.Token,       // SigV2 and CloudFront
            // Google Cloud Storage signed URLs (V4 and V2).
            ["X-Goog-Signature"] = SecretKind.Token,
            ["X-Goog-Credential"] = SecretKind.Credential,
            ["X-Goog-Security-Token"] = SecretKind.Token,
            ["GoogleAccessId"] = SecretKind.Token,
            // Azure Blob shared access signatures.
            ["sig"] = SecretKind.Token,
            // CloudFront signed URLs.
            ["Policy"] = SecretKind.Token,
            ["Key-Pair-Id"] = SecretKind.Token,
        };

    public static SecretKind? Field(string name, RedactionOptions options)
    {
        if (Fields.TryGetValue(name, out var kind))
        {
            return kind;
        }
        foreach (var extra in options.ExtraFields)
        {
            if (string.Equals(extra, name, StringComparison.OrdinalIgnoreCase))
            {
                return SecretKind.Token;
            }
        }
        return null;
    }

    public static SecretKind? Header(string name, RedactionOptions options)
    {
        if (Headers.TryGetValue(name, out var kind))
        {
            return kind;
        }
        foreach (var extra in options.ExtraHeaders)
        {
            if (string.Equals(extra, name, StringComparison.OrdinalIgnoreCase))
            {
                return SecretKind.Token;
            }
        }
        return null;
    }
}
