namespace RegDiag.Core.Har;

/// <summary>Which media types are text (kept as text) and which are surely binary (layers, archives).</summary>
internal static class TextualContent
{
    public static bool Is(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var type = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return type.StartsWith("text/", StringComparison.Ordinal)
            || type.EndsWith("+json", StringComparison.Ordinal)
            || type.EndsWith("+xml", StringComparison.Ordinal)
            || type is "application/json" or "application/xml" or "application/x-www-form-urlencoded"
                or "application/javascript" or "application/problem+json";
    }

    public static bool IsKnownBinary(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var type = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return type is "application/octet-stream" or "application/gzip" or "application/x-gzip" or "application/x-tar"
            || type.Contains(".layer.", StringComparison.Ordinal)
            || type.EndsWith("+gzip", StringComparison.Ordinal)
            || type.EndsWith("+zstd", StringComparison.Ordinal)
            || type.StartsWith("image/", StringComparison.Ordinal) && !type.EndsWith("+xml", StringComparison.Ordinal);
    }
}
