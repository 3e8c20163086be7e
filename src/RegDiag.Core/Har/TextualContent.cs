namespace RegDiag.Core.Har;

/// <summary>
/// The one rule for which bodies are text. The proxy keeps the first 64 KiB of a textual body, the HAR reader
/// keeps text rather than base64, doctor's probe records text. Registry traffic is JSON (manifests, indexes,
/// configs, errors, tokens, problem+json), XML (S3 errors), forms (token POSTs) and plain text; layers and
/// archives are binary.
/// </summary>
public static class TextualContent
{
    /// <summary>Whether a media type (parameters allowed, any case) is text.</summary>
    public static bool IsTextual(string? contentType)
    {
        var type = MediaType(contentType);
        return type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            // application/json, every +json suffix (manifests, problem+json), x-json, ndjson.
            || type.EndsWith("json", StringComparison.OrdinalIgnoreCase)
            // application/xml (S3 errors), text/xml, every +xml suffix.
            || type.EndsWith("xml", StringComparison.OrdinalIgnoreCase)
            // Docker schema 1 signed manifests: JSON carrying its own JWS signature.
            || type.EndsWith("+prettyjws", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/javascript", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether a body as it crosses the wire is text: a textual media type that is not content-coded (gzip
    /// bytes of JSON are not JSON).
    /// </summary>
    public static bool IsTextualBody(string? contentType, string? contentEncoding) =>
        (string.IsNullOrEmpty(contentEncoding) || contentEncoding.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase))
        && IsTextual(contentType);

    /// <summary>Whether a media type is surely binary (layers, archives, images), whatever text a capture claims.</summary>
    public static bool IsKnownBinary(string? contentType)
    {
        var type = MediaType(contentType);
        return type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/gzip", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/x-gzip", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/x-tar", StringComparison.OrdinalIgnoreCase)
            || type.Contains(".layer.", StringComparison.OrdinalIgnoreCase)
            // Docker layer types: application/vnd.docker.image.rootfs.diff.tar.gzip and its foreign variant.
            || type.Contains(".tar.", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+gzip", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+zstd", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The type/subtype without parameters or surrounding blanks; empty when there is none.</summary>
    private static ReadOnlySpan<char> MediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return [];
        }
        var span = contentType.AsSpan();
        var semicolon = span.IndexOf(';');
        return (semicolon < 0 ? span : span[..semicolon]).Trim();
    }
}
