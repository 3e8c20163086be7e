using System.Text.RegularExpressions;

namespace RegDiag.Doctor.Logs;

/// <summary>
/// A stop-gap set of log signatures (registry-failures.md §0-§5) used until the decoder's knowledge base
/// provides the rows; each row has a literal that must occur before its regular expression is tried, so
/// a healthy log costs one IndexOf per row per line. Rows deliberately do not match the benign lines of a
/// healthy push (401 on /v2/, 404 BLOB_UNKNOWN on HEAD, 307 redirects).
/// </summary>
internal sealed class BuiltInLogLineMatcher : ILogLineMatcher
{
    private sealed record Row(string Literal, Regex? Pattern, LogLineMatch Match);

    private static readonly Row[] Rows =
    [
        S3("AccessDenied", "the registry's S3 credentials lack a permission", "add the missing actions to the IAM policy (doctor --registry-config shows which)"),
        S3("SignatureDoesNotMatch", "the S3 secret key is wrong, or a proxy rewrites the registry's S3 requests", "fix storage.s3.secretkey; never let a proxy modify signed requests"),
        S3("InvalidAccessKeyId", "the S3 access key does not exist on that endpoint", "set an active storage.s3.accesskey, or omit the keys to use an IAM role"),
        S3("RequestTimeTooSkewed", "the registry's clock is more than 15 minutes off S3's", "run NTP on the registry host"),
        S3("NoSuchBucket", "the configured bucket does not exist", "fix storage.s3.bucket"),
        S3("AuthorizationHeaderMalformed", "storage.s3.region is not the bucket's region", "set storage.s3.region to the bucket's region"),
        S3("PermanentRedirect", "the bucket must be reached through another region endpoint", "fix region/regionendpoint"),
        new("invalid secret", null, new("upload-invalid-secret", "upload state signed with another http.secret", LogSeverity.Error,
            "registry replicas do not share http.secret, so an upload started on one is rejected by another (BLOB_UPLOAD_INVALID)", "set the same http.secret on every replica")),
        new("No HTTP secret provided", null, new("no-http-secret", "no http.secret configured", LogSeverity.Warning,
            "each start generates a random secret: uploads break across restarts and replicas", "set http.secret in the registry config")),
        new("untrusted key", new("token signed by untrusted key", RegexOptions.CultureInvariant), new("token-untrusted-key", "token signed by a key the registry does not trust", LogSeverity.Error,
            "the token server's signing key does not match auth.token.rootcertbundle", "GitLab: compare gitlab-registry.key with the registry's certificate and run gitlab-ctl reconfigure")),
        new("token not to be used", null, new("token-clock", "token refused for its time window", LogSeverity.Error,
            "clock skew beyond 60 s between token server and registry, or a push longer than the token lifetime", "NTP everywhere; raise the token duration for large pushes")),
        new("intended for another audience", null, new("token-audience", "token for another audience", LogSeverity.Error,
            "auth.token.service differs from what the token server issues", "align auth.token.service")),
        new("untrusted issuer", null, new("token-issuer", "token from an untrusted issuer", LogSeverity.Error,
            "auth.token.issuer differs from the token server's issuer", "align auth.token.issuer")),
        new("insufficient scope", new("(?:POST|PUT|PATCH|DELETE).*insufficient scope|insufficient scope.*(?:POST|PUT|PATCH|DELETE)", RegexOptions.CultureInvariant),
            new("insufficient-scope", "push refused: insufficient scope", LogSeverity.Error,
            "the token lacks push on the repository", "give the user push rights (GitLab: Developer) or a token with write_registry")),
        new("health check failed", null, new("health-check-failed", "a health check fails: every request gets 503", LogSeverity.Error,
            "a registry health check (usually storage) fails", "see /debug/health (doctor --debug-addr)")),
        new("unexpected EOF", new("err\\.code=\"?unknown.*unexpected EOF|unexpected EOF.*err\\.code=\"?unknown", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase),
            new("upload-unexpected-eof", "upload failed with unexpected EOF", LogSeverity.Error,
            "S3 chunking on large pushes", "set storage.s3.chunksize to 25000000-50000000")),
        new("error authenticating user", null, new("basic-auth-failed", "wrong user name or password", LogSeverity.Warning,
            "a client sent wrong Basic credentials", "check the credentials the client uses")),
        new("too large body", null, new("nginx-body-too-large", "nginx refused a large upload (413)", LogSeverity.Error,
            "client_max_body_size is too small on an nginx hop", "client_max_body_size 0; on every hop")),
        new("Faraday::ConnectionFailed", null, new("rails-registry-unreachable", "GitLab Rails cannot reach the registry", LogSeverity.Error,
            "the registry api_url is wrong or the registry is down", "fix gitlab_rails['registry_api_url'] and check the registry runs")),
        new("JWT authentication failed", null, new("rails-jwt-failed", "GitLab refused a registry login", LogSeverity.Warning,
            "wrong credentials, or 2FA without a personal access token", "use a personal access token with read_registry/write_registry")),
        new("Denied container registry permissions", null, new("rails-denied-permissions", "GitLab denied registry permissions", LogSeverity.Error,
            "the user lacks the role or token scope for the requested actions", "grant the role (Developer to push) or the token scope")),
    ];

    public LogLineMatch? Match(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var row in Rows)
        {
            if (line.Contains(row.Literal, StringComparison.Ordinal) && (row.Pattern == null || row.Pattern.IsMatch(line)))
            {
                return row.Match;
            }
        }
        return null;
    }

    private static Row S3(string code, string cause, string fix) =>
        new("s3aws: " + code, null, new($"s3-{code}", $"S3 {code} in the registry's storage calls", LogSeverity.Error, cause, fix));
}
