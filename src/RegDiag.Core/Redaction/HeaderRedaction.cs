namespace RegDiag.Core.Redaction;

/// <summary>Header-specific rules: the parts of a header value that are secret depend on the header.</summary>
internal static class HeaderRedaction
{
    public static string Redact(string name, string value, Redactor redactor)
    {
        if (value.Length == 0)
        {
            return value;
        }
        switch (name.ToLowerInvariant())
        {
            case "authorization":
            case "proxy-authorization":
                return Authorization(value, redactor);
            case "cookie":
                return string.Join("; ", value.Split(';', StringSplitOptions.TrimEntries).Select(CookiePair));
            case "set-cookie":
                var semicolon = value.IndexOf(';');
                return semicolon < 0 ? CookiePair(value) : CookiePair(value[..semicolon]) + value[semicolon..];
            case "www-authenticate":
            case "proxy-authenticate":
                // Challenges name a realm, service and scope: no secrets, and the decoder needs them.
                return value;
            case "location":
            case "content-location":
            case "referer":
                return redactor.RedactUrl(value);
        }
        var kind = SecretNames.Header(name, redactor.Options);
        return kind is null ? redactor.RedactText(value) : SecretValue.Replace(value, kind.Value);
    }

    private static string Authorization(string value, Redactor redactor)
    {
        var space = value.IndexOf(' ');
        if (space < 0)
        {
            return SecretValue.Replace(value, SecretKind.Token);
        }
        var scheme = value[..space];
        var rest = value[(space + 1)..].Trim();
        switch (scheme.ToLowerInvariant())
        {
            case "basic":
                return scheme + " " + SecretValue.ReplaceBasic(rest);
            case "aws4-hmac-sha256":
            case "goog4-hmac-sha256":
            case "goog4-rsa-sha256":
                // Credential=KEY/date/region/service/aws4_request, SignedHeaders=..., Signature=...
                return scheme + " " + redactor.RedactText(rest);
            case "aws":
            case "sharedkey":
            case "sharedkeylite":
                // "AWS keyid:signature" (SigV2), "SharedKey account:signature" (Azure).
                var colon = rest.LastIndexOf(':');
                if (colon > 0)
                {
                    var who = scheme.Equals("aws", StringComparison.OrdinalIgnoreCase)
                        ? SecretValue.Replace(rest[..colon], SecretKind.Token)
                        : rest[..colon];
                    return scheme + " " + who + ":" + SecretValue.Replace(rest[(colon + 1)..], SecretKind.Token);
                }
                return scheme + " " + SecretValue.Replace(rest, SecretKind.Token);
            default:
                return scheme + " " + SecretValue.Replace(rest, SecretKind.Token);
        }
    }

    private static string CookiePair(string pair)
    {
        var equals = pair.IndexOf('=');
        return equals < 0 ? pair : pair[..(equals + 1)] + SecretValue.Replace(pair[(equals + 1)..], SecretKind.Token);
    }
}
