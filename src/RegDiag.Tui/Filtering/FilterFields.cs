using System.Globalization;
using RegDiag.Core.Decoding;
using RegDiag.Core.Model;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Filtering;

/// <summary>
/// The filter language's fields: one table that both the parser and the help screen read, so they never
/// drift apart (mitmproxy's flowfilter does the same).
/// </summary>
public static class FilterFields
{
    public static IReadOnlyList<FilterField> All { get; } =
    [
        new("status", "status>=400", "response status; status:4xx matches a class, = != < <= > >= compare",
            (f, v) => MatchStatus(f, v), f => f.Status, ParsePlain),
        new("method", "method:HEAD", "request method",
            (f, v) => string.Equals(f.Exchange.Request.Method, v, StringComparison.OrdinalIgnoreCase)),
        new("host", "host:s3", "host name contains the text",
            (f, v) => Contains(f.Host, v)),
        new("kind", "kind:token", "who answered (s3 is storage)",
            (f, v) => f.Kind == ParseKind(v),
            Values: ["registry", "token", "storage", "s3", "other"]),
        new("repo", "repo:group/project", "repository name contains the text",
            (f, v) => Contains(f.Repository, v)),
        new("digest", "digest:sha256:ab12", "digest (in the URL, Docker-Content-Digest or a body's sha256) starts with",
            MatchDigest),
        new("path", "path:/uploads/", "path and query contain the text",
            (f, v) => Contains(f.PathAndQuery, v)),
        new("op", "op:ManifestPut", "operation (BlobHead, UploadChunk, ManifestPut, TokenGet, HeadObject, Ping...) contains the text",
            (f, v) => Contains(f.Operation.ToString(), v)),
        new("header", "header:x-amz-request-id", "a request or response header line (\"Name: value\") contains the text",
            MatchHeader),
        new("body", "body:BLOB_UNKNOWN", "the request or response body text contains the text",
            (f, v) => Contains(f.Exchange.Request.Body.Text, v) || Contains(f.Exchange.Response?.Body.Text, v)),
        new("client", "client:127.0.0.1", "client address contains the text",
            (f, v) => Contains(f.Exchange.ClientAddress, v)),
        new("size", "size>1M", "the larger body in bytes (k, M, G suffixes)",
            null, f => Math.Max(f.Exchange.Request.Body.Size, f.Exchange.Response?.Body.Size ?? 0), ParseSize),
        new("dur", "dur>2s", "duration in milliseconds (ms, s suffixes)",
            null, f => f.Exchange.Timings.DurationMs, ParseDuration),
        new("is", "is:error", "error (failed, and not the protocol's normal 401/404), ping, redirect, auth (401/403), transport (no response)",
            MatchIs, Values: ["error", "ping", "redirect", "auth", "transport", "diagnosed"]),
    ];

    public static FilterField? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>What free text (a word with no field) matches: URL, method, status, operation, diagnoses.</summary>
    public static bool MatchFreeText(Flow flow, string text) =>
        Contains(flow.Exchange.Request.Url, text)
        || Contains(flow.Exchange.Request.Method, text)
        || (flow.Status?.ToString(CultureInfo.InvariantCulture) == text)
        || Contains(flow.Exchange.Response?.Reason, text)
        || Contains(flow.Operation.ToString(), text)
        || Contains(flow.Exchange.Error?.Message, text)
        || flow.Diagnoses.Any(d => Contains(d.Title, text));

    private static bool Contains(string? haystack, string needle) =>
        haystack != null && haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);

    private static bool MatchStatus(Flow flow, string value)
    {
        if (flow.Status is not { } status)
        {
            return value.Equals("none", StringComparison.OrdinalIgnoreCase);
        }
        if (value.Length == 3 && value.EndsWith("xx", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(value[0]))
        {
            return status / 100 == value[0] - '0';
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var exact) && status == exact;
    }

    private static bool MatchDigest(Flow flow, string value)
    {
        var exchange = flow.Exchange;
        return Starts(flow.Digest) || Starts(exchange.Request.Body.Sha256) || Starts(exchange.Response?.Body.Sha256)
            || Starts(exchange.Response?.Headers.Get("Docker-Content-Digest"));

        bool Starts(string? digest) =>
            digest != null && (digest.StartsWith(value, StringComparison.OrdinalIgnoreCase)
                || (digest.IndexOf(':') is var colon and >= 0 && digest.AsSpan(colon + 1).StartsWith(value, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool MatchHeader(Flow flow, string value)
    {
        return Any(flow.Exchange.Request.Headers) || (flow.Exchange.Response is { } response && Any(response.Headers));

        bool Any(IReadOnlyList<Header> headers) => headers.Any(h => Contains($"{h.Name}: {h.Value}", value));
    }

    private static bool MatchIs(Flow flow, string value) => value.ToLowerInvariant() switch
    {
        "error" => flow.IsError,
        "ping" => flow.IsPing,
        "redirect" => flow.Status is >= 300 and < 400,
        "auth" => flow.Status is 401 or 403,
        "transport" => flow.Exchange.Error != null,
        "diagnosed" => flow.Diagnoses.Count > 0,
        _ => false,
    };

    private static HostKind ParseKind(string value) => value.ToLowerInvariant() switch
    {
        "registry" => HostKind.Registry,
        "token" => HostKind.Token,
        "storage" or "s3" => HostKind.Storage,
        _ => HostKind.Other,
    };

    private static double? ParsePlain(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static double? ParseSize(string value)
    {
        var multiplier = char.ToUpperInvariant(value.Length > 0 ? value[^1] : ' ') switch
        {
            'K' => 1024d,
            'M' => 1024d * 1024,
            'G' => 1024d * 1024 * 1024,
            _ => 1d,
        };
        return ParsePlain(multiplier == 1 ? value : value[..^1]) * multiplier;
    }

    private static double? ParseDuration(string value) =>
        value.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? ParsePlain(value[..^2])
        : value.EndsWith('s') ? ParsePlain(value[..^1]) * 1000
        : ParsePlain(value);
}
