using System.Text;

namespace RegDiag.Core.Redaction;

/// <summary>
/// Redacts a URL while keeping it a valid URL and every other byte of it exact: the password of any
/// user:password, and the value of every secret query parameter (replaced by a percent-encoded marker).
/// </summary>
internal static class UrlRedaction
{
    public static string Redact(string url, RedactionOptions options)
    {
        if (!url.AsSpan().ContainsAny('?', '@'))
        {
            return url; // no query and no user:password: nothing to redact (most registry URLs)
        }
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var builder = new StringBuilder(url.Length + 32);
        var queryStart = url.IndexOf('?');
        var fragmentStart = url.IndexOf('#', queryStart < 0 ? 0 : queryStart);
        var beforeQueryEnd = queryStart >= 0 ? queryStart : fragmentStart >= 0 ? fragmentStart : url.Length;

        var head = url[..beforeQueryEnd];
        if (schemeEnd >= 0)
        {
            var authorityEnd = head.IndexOf('/', authorityStart);
            if (authorityEnd < 0)
            {
                authorityEnd = head.Length;
            }
            var at = head.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
            var colon = at < 0 ? -1 : head.IndexOf(':', authorityStart, at - authorityStart);
            if (colon >= 0 && !Decode(head[(colon + 1)..at]).StartsWith(SecretMarker.Prefix, StringComparison.Ordinal))
            {
                head = string.Concat(head.AsSpan(0, colon + 1), Uri.EscapeDataString(SecretMarker.Password), head.AsSpan(at));
            }
        }
        builder.Append(head);
        if (queryStart >= 0)
        {
            var queryEnd = fragmentStart >= 0 ? fragmentStart : url.Length;
            builder.Append('?');
            var first = true;
            foreach (var part in url[(queryStart + 1)..queryEnd].Split('&'))
            {
                if (!first)
                {
                    builder.Append('&');
                }
                first = false;
                builder.Append(RedactParameter(part, options));
            }
        }
        if (fragmentStart >= 0)
        {
            builder.Append(url, fragmentStart, url.Length - fragmentStart);
        }
        return builder.ToString();
    }

    private static string RedactParameter(string part, RedactionOptions options)
    {
        var equals = part.IndexOf('=');
        if (equals <= 0)
        {
            return part;
        }
        var kind = SecretNames.Field(Decode(part[..equals]), options);
        var value = Decode(part[(equals + 1)..]);
        if (kind == null || value.Length == 0 || SecretMarker.IsRedacted(value))
        {
            return part;
        }
        return string.Concat(part.AsSpan(0, equals + 1), Uri.EscapeDataString(SecretValue.Replace(value, kind.Value)));
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
