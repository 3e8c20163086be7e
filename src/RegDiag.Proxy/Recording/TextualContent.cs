namespace RegDiag.Proxy.Recording;

/// <summary>Which bodies are worth keeping as text: JSON, XML, text and forms, and only when not compressed.</summary>
internal static class TextualContent
{
    public static bool IsTextual(string? contentType, string? contentEncoding)
    {
        if (string.IsNullOrEmpty(contentType)
            || !(string.IsNullOrEmpty(contentEncoding) || contentEncoding.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType.EndsWith("json", StringComparison.Ordinal) // application/json, application/vnd.oci.image.manifest.v1+json
            || mediaType.EndsWith("xml", StringComparison.Ordinal) // S3 errors: application/xml
            || mediaType is "application/x-www-form-urlencoded" or "application/javascript";
    }
}
