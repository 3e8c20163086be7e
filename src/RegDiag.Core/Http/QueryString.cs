namespace RegDiag.Core.Http;

/// <summary>The decoded name/value pairs of a URL's query, in order.</summary>
internal static class QueryString
{
    public static IReadOnlyList<(string Name, string Value)> Parse(string url)
    {
        var start = url.IndexOf('?');
        if (start < 0)
        {
            return [];
        }
        var end = url.IndexOf('#', start);
        return Pairs(end < 0 ? url.AsSpan(start + 1) : url.AsSpan(start + 1, end - start - 1));
    }

    /// <summary>The pairs of a query (without '?' and fragment), empty parts skipped.</summary>
    internal static List<(string Name, string Value)> Pairs(ReadOnlySpan<char> query)
    {
        var pairs = new List<(string, string)>();
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            if (part.IsEmpty)
            {
                continue;
            }
            var equals = part.IndexOf('=');
            pairs.Add(equals < 0 ? (DecodeComponent(part), "") : (DecodeComponent(part[..equals]), DecodeComponent(part[(equals + 1)..])));
        }
        return pairs;
    }

    /// <summary><see cref="Decode(string)"/> of a span: most names and values have nothing to decode.</summary>
    internal static string DecodeComponent(ReadOnlySpan<char> text) =>
        text.ContainsAny('%', '+') ? Decode(text.ToString()) : text.ToString();

    /// <summary>Whether a raw query component decodes to <paramref name="decoded"/> (a string only when it has escapes).</summary>
    internal static bool ComponentEquals(ReadOnlySpan<char> raw, string decoded, StringComparison comparison) =>
        raw.ContainsAny('%', '+') ? string.Equals(Decode(raw.ToString()), decoded, comparison) : raw.Equals(decoded, comparison);

    /// <summary>Percent-decodes a path ('+' stays '+'); malformed escapes are left as they are.</summary>
    public static string DecodePath(string text)
    {
        try
        {
            return text.Contains('%') ? Uri.UnescapeDataString(text) : text;
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>Decodes a query component ('+' is a space).</summary>
    public static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
