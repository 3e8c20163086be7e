using System.Text.RegularExpressions;
using RegDiag.Doctor.Api;

namespace RegDiag.Doctor.Net;

/// <summary>
/// Which failures are worth repeating, and how often: 500, 502, 503 and 504, and connections cut before the
/// answer was complete, the failures Docker and skopeo retry too. A request that then succeeds had a
/// transient failure (the stability check counts them); one that fails every time has a persistent failure,
/// which its own check reports. Only requests that may safely be sent twice are repeated: GET and HEAD, and
/// those marked <see cref="Idempotent"/>; a blob upload is restarted as a whole by the push client instead.
/// </summary>
public static partial class TransientRetry
{
    /// <summary>Attempts per request: Docker tries a layer upload up to five times.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The first pause, doubled after each failure (50, 100, 200, 400 ms): the doctor looks for
    /// intermittent failures, it does not wait out an outage, and a persistent one costs 0.75 s at most.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    /// <summary>Marks a request other than GET or HEAD as safe to repeat (a manifest PUT, a DELETE).</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("regdiag.idempotent");

    public static bool IsTransient(int status) => status is 500 or 502 or 503 or 504;

    /// <summary>The connection broke mid-exchange (reset, closed before the answer ended); refused or TLS failures are not transient.</summary>
    public static bool IsTransient(Exception exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ResponseEnded
    } or HttpRequestException { InnerException: IOException { InnerException: not System.Security.Authentication.AuthenticationException } };

    public static bool MayRepeat(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
            || (request.Options.TryGetValue(Idempotent, out var idempotent) && idempotent);
    }

    public static TimeSpan Backoff(int attempt) => FirstBackoff * Math.Pow(2, attempt - 1);

    /// <summary>"503 UNAVAILABLE", "500 UNKNOWN", "502" or "connection reset: …", for evidence.</summary>
    public static string Describe(int status, string? body)
    {
        var code = RegistryError.TryParse(body)?.Code;
        return string.IsNullOrEmpty(code) ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{status} {code}";
    }

    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"connection broken: {exception.InnerException?.Message ?? exception.Message}";
    }

    /// <summary>"HEAD registry.example.com/v2/grp/app/blobs/sha256:0123456789ab…": no query (presigned URLs carry signatures), digests shortened.</summary>
    public static string Operation(HttpMethod method, Uri url)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        return $"{method.Method} {url.Host}{LongDigest().Replace(url.AbsolutePath, m => m.Groups[1].Value + "…")}";
    }

    [GeneratedRegex("(sha256:[0-9a-f]{12})[0-9a-f]{52}")]
    private static partial Regex LongDigest();
}
