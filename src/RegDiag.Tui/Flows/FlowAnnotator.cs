using System.Text.RegularExpressions;
using RegDiag.Core.Model;

namespace RegDiag.Tui.Flows;

/// <summary>
/// Turns an exchange into a <see cref="Flow"/>: host kind, repository, digest, operation. Keeps what earlier
/// exchanges taught it (token realms from challenges, storage hosts from redirects), so one instance
/// follows one capture.
/// </summary>
internal sealed partial class FlowAnnotator
{
    private readonly HashSet<string> _tokenHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _storageHosts = new(StringComparer.OrdinalIgnoreCase);

    public void Reset()
    {
        _tokenHosts.Clear();
        _storageHosts.Clear();
    }

    public Flow Annotate(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var uri = Uri.TryCreate(exchange.Request.Url, UriKind.Absolute, out var parsed) ? parsed : null;
        var host = uri == null ? "" : uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var pathAndQuery = uri?.PathAndQuery ?? exchange.Request.Url;
        var path = uri?.AbsolutePath ?? exchange.Request.Url;
        var response = exchange.Response;

        Learn(exchange);
        var registry = RegistryPath().Match(path);
        var kind = registry.Success ? HostKind.Registry
            : _tokenHosts.Contains(host) || LooksLikeToken(exchange, path) ? HostKind.Token
            : _storageHosts.Contains(host) || LooksLikeS3(exchange) ? HostKind.S3
            : HostKind.Other;

        string? repository = null;
        string? digest = null;
        string? operation = null;
        var isPing = false;
        if (registry.Success)
        {
            repository = registry.Groups["name"].Success ? registry.Groups["name"].Value : null;
            var resource = registry.Groups["resource"].Value;
            var reference = registry.Groups["ref"].Value;
            isPing = repository == null && resource.Length == 0;
            digest = DigestPattern().Match(reference).Success ? reference : null;
            digest ??= QueryDigest(uri);
            operation = isPing ? "ping" : $"{resource.TrimEnd('s').Replace("/uploads", " upload", StringComparison.Ordinal)} {exchange.Request.Method}".Trim();
        }
        else if (kind == HostKind.Token)
        {
            operation = "token";
            repository = ScopeRepository(uri);
        }
        else if (kind == HostKind.S3)
        {
            operation = $"S3 {exchange.Request.Method}";
            var blob = S3BlobPath().Match(path);
            digest = blob.Success ? $"sha256:{blob.Groups["hex"].Value}" : null;
            var repo = S3RepositoryPath().Match(path);
            repository = repo.Success ? repo.Groups["name"].Value : null;
        }
        digest ??= response?.Headers.Get("Docker-Content-Digest");

        var status = response?.Status ?? 0;
        var isError = exchange.Error != null || (status >= 400 && !IsExpected(exchange, status, registry.Success, isPing));
        return new Flow
        {
            Exchange = exchange,
            Kind = kind,
            Host = host,
            PathAndQuery = pathAndQuery,
            Repository = repository,
            Digest = digest,
            Operation = operation,
            IsPing = isPing,
            IsError = isError,
        };
    }

    /// <summary>
    /// A 401 challenge and a 404 on a push's blob existence check are the protocol working, not failures
    /// (registry-failures.md, "Benign, do not flag").
    /// </summary>
    private static bool IsExpected(Exchange exchange, int status, bool registry, bool isPing) =>
        registry && ((status == 401 && exchange.Request.Headers.Get("Authorization") == null)
            || (status == 404 && exchange.Request.Method == "HEAD" && exchange.Request.Url.Contains("/blobs/", StringComparison.Ordinal))
            || (isPing && status == 401));

    private void Learn(Exchange exchange)
    {
        var response = exchange.Response;
        if (response == null)
        {
            return;
        }
        var challenge = response.Headers.Get("WWW-Authenticate");
        if (challenge != null)
        {
            var realm = RealmPattern().Match(challenge);
            if (realm.Success && Uri.TryCreate(realm.Groups[1].Value, UriKind.Absolute, out var realmUri))
            {
                _tokenHosts.Add(realmUri.IsDefaultPort ? realmUri.Host : $"{realmUri.Host}:{realmUri.Port}");
            }
        }
        if (response.Status is >= 300 and < 400
            && Uri.TryCreate(response.Headers.Get("Location"), UriKind.Absolute, out var location)
            && location.Query.Contains("X-Amz-", StringComparison.OrdinalIgnoreCase))
        {
            _storageHosts.Add(location.IsDefaultPort ? location.Host : $"{location.Host}:{location.Port}");
        }
    }

    private static bool LooksLikeToken(Exchange exchange, string path) =>
        path.EndsWith("/jwt/auth", StringComparison.Ordinal)
        || (path.EndsWith("/token", StringComparison.Ordinal) && exchange.Request.Url.Contains("service=", StringComparison.Ordinal));

    private static bool LooksLikeS3(Exchange exchange) =>
        exchange.Request.Url.Contains("X-Amz-", StringComparison.OrdinalIgnoreCase)
        || (exchange.Request.Headers.Get("Authorization")?.StartsWith("AWS4-HMAC-SHA256", StringComparison.Ordinal) ?? false)
        || exchange.Response?.Headers.Get("x-amz-request-id") != null;

    private static string? QueryDigest(Uri? uri)
    {
        if (uri == null)
        {
            return null;
        }
        var match = QueryDigestPattern().Match(uri.Query);
        return match.Success ? Uri.UnescapeDataString(match.Groups[1].Value) : null;
    }

    private static string? ScopeRepository(Uri? uri)
    {
        if (uri == null)
        {
            return null;
        }
        var match = ScopePattern().Match(Uri.UnescapeDataString(uri.Query));
        return match.Success ? match.Groups[1].Value : null;
    }

    // /v2/, /v2/<name>/(blobs|manifests|tags/list|blobs/uploads)/<ref>
    [GeneratedRegex(@"^/v2/(?:(?<name>.+?)/(?<resource>blobs/uploads|blobs|manifests|tags/list|referrers)(?:/(?<ref>[^/]*))?)?/?$")]
    private static partial Regex RegistryPath();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"[?&]digest=([^&]+)")]
    private static partial Regex QueryDigestPattern();

    [GeneratedRegex(@"scope=repository:([^:&]+):")]
    private static partial Regex ScopePattern();

    [GeneratedRegex(@"realm=""([^""]+)""")]
    private static partial Regex RealmPattern();

    // distribution's S3 layout: <root>/docker/registry/v2/blobs/sha256/<2>/<hex>/data
    [GeneratedRegex(@"/blobs/sha256/[0-9a-f]{2}/(?<hex>[0-9a-f]{64})/data$")]
    private static partial Regex S3BlobPath();

    [GeneratedRegex(@"/docker/registry/v2/repositories/(?<name>.+?)/_(?:layers|manifests|uploads)/")]
    private static partial Regex S3RepositoryPath();
}
