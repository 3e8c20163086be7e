using System.Globalization;

namespace RegDiag.Core.Http;

/// <summary>
/// A URL split into its parts without normalising anything (System.Uri re-escapes and would hide exactly
/// the differences that break signed requests).
/// </summary>
public sealed class UrlParts
{
    public required string Scheme { get; init; }

    /// <summary>Host name, lower case, without port or brackets.</summary>
    public required string Host { get; init; }

    public int? Port { get; init; }

    /// <summary>The raw path ("/" when empty).</summary>
    public required string Path { get; init; }

    /// <summary>The raw query without '?', or "".</summary>
    public string Query { get; init; } = "";

    private string? _origin;

    /// <summary>"scheme://host[:port]", for grouping by origin (made once).</summary>
    public string Origin => _origin ??= Port is { } p ? $"{Scheme}://{Host}:{p}" : $"{Scheme}://{Host}";

    /// <summary>Splits on spans: only the parts kept become strings (this runs for every exchange of a capture).</summary>
    public static UrlParts? Parse(string url) => Parse(url, null);

    /// <summary>
    /// As <see cref="Parse(string)"/>; the host and origin, the same for most URLs of a capture, come from
    /// <paramref name="shared"/> (one string each for the whole analysis rather than two per URL).
    /// </summary>
    internal static UrlParts? Parse(string url, SharedStrings? shared)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }
        var authorityStart = schemeEnd + 3;
        var pathStart = url.AsSpan(authorityStart).IndexOfAny('/', '?', '#');
        pathStart = pathStart < 0 ? -1 : pathStart + authorityStart;
        var authority = pathStart < 0 ? url.AsSpan(authorityStart) : url.AsSpan(authorityStart, pathStart - authorityStart);
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }
        ReadOnlySpan<char> host;
        int? port = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            host = close < 0 ? authority : authority[1..close];
            if (close >= 0 && close + 1 < authority.Length && authority[close + 1] == ':' && int.TryParse(authority[(close + 2)..], out var p6))
            {
                port = p6;
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            if (colon >= 0 && int.TryParse(authority[(colon + 1)..], out var p))
            {
                port = p;
            }
        }
        var rest = pathStart < 0 ? [] : url.AsSpan(pathStart);
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            rest = rest[..hash];
        }
        var question = rest.IndexOf('?');
        var path = question < 0 ? rest : rest[..question];
        var scheme = url.AsSpan(0, schemeEnd);
        var parts = new UrlParts
        {
            Scheme = scheme is "https" ? "https" : scheme is "http" ? "http" : scheme.ToString().ToLowerInvariant(),
            Host = shared == null || host.Length > MaxShared ? host.ToString().ToLowerInvariant() : SharedLower(host, shared),
            Port = port,
            Path = path.Length == 0 ? "/" : path.ToString(),
            Query = question < 0 ? "" : rest[(question + 1)..].ToString(),
        };
        if (shared != null)
        {
            Span<char> origin = stackalloc char[MaxShared + 16];
            if (parts.Port is { } p
                    ? origin.TryWrite(CultureInfo.InvariantCulture, $"{parts.Scheme}://{parts.Host}:{p}", out var length)
                    : origin.TryWrite(CultureInfo.InvariantCulture, $"{parts.Scheme}://{parts.Host}", out length))
            {
                parts._origin = shared.Get(origin[..length]);
            }
        }
        return parts;
    }

    /// <summary>Longest host or origin looked up in the shared strings (longer ones are just made).</summary>
    private const int MaxShared = 256;

    private static string SharedLower(ReadOnlySpan<char> host, SharedStrings shared)
    {
        Span<char> lower = stackalloc char[host.Length];
        host.ToLowerInvariant(lower);
        return shared.Get(lower);
    }

    /// <summary>
    /// The decoded query parameters, in order. Made on each call rather than kept with the URL: a capture's
    /// URLs live as long as its analysis, and their parameter lists were much of what they held on to.
    /// Looking for one parameter (<see cref="Parameter"/>) makes no list at all.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> Parameters() => Query.Length == 0 ? [] : QueryString.Pairs(Query);

    /// <summary>The first value of a query parameter (name compared case-insensitively), or null.</summary>
    public string? Parameter(string name)
    {
        if (Query.Length == 0 || Query.IndexOf(name, StringComparison.OrdinalIgnoreCase) < 0)
        {
            return null;
        }
        return Find(name, StringComparison.OrdinalIgnoreCase, out var value) ? QueryString.DecodeComponent(value) : null;
    }

    public bool HasParameter(string name) => Parameter(name) != null;

    /// <summary>Whether a parameter has exactly this (decoded) name, e.g. an S3 subresource such as <c>?uploads</c>.</summary>
    public bool HasParameterNamedExactly(string name) => Find(name, StringComparison.Ordinal, out _);

    /// <summary>The raw value of the first parameter whose decoded name is <paramref name="name"/>.</summary>
    private bool Find(string name, StringComparison comparison, out ReadOnlySpan<char> value)
    {
        var query = Query.AsSpan();
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            var equals = part.IndexOf('=');
            if (!part.IsEmpty && QueryString.ComponentEquals(equals < 0 ? part : part[..equals], name, comparison))
            {
                value = equals < 0 ? [] : part[(equals + 1)..];
                return true;
            }
        }
        value = default;
        return false;
    }
}
