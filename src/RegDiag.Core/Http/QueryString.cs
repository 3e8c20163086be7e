namespace RegDiag.Core.Http;

/// <summary>The decoded name/value pairs of a URL's query, in order.</summary>
internal static class QueryString
{
    public static IEnumerable<(string Name, string Value)> Parse(string url)
    {
        var start = url.IndexOf('?');
        if (start < 0)
        {
            yield break;
        }
        var end = url.IndexOf('#', start);
        var query = end < 0 ? url[(start + 1)..] : url[(start + 1)..end];
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            yield return equals < 0
                ? (Decode(part), "")
                : (Decode(part[..equals]), Decode(part[(equals + 1)..]));
        }
    }

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
