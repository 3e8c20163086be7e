using System.Text.RegularExpressions;

namespace RegDiag.Core.Redaction;

/// <summary>
/// Finds secrets in free text: bodies (JSON, forms, XML error documents), log lines, error messages and
/// header values. Regular expressions rather than parsers on purpose: bodies are kept truncated at 64 KiB,
/// so a JSON or XML parser would fail exactly on the bodies that need redacting.
/// </summary>
internal sealed partial class TextRedaction
{
    private readonly Regex _fields;
    private readonly RedactionOptions _options;

    public TextRedaction(RedactionOptions options)
    {
        _options = options;
        var names = SecretNames.Fields.Keys.Concat(options.ExtraFields)
            .OrderByDescending(n => n.Length)
            .Select(Regex.Escape);
        // name=value (query, form, log), "name": "value" (JSON), <Name>value</Name> (XML).
        var alternation = string.Join('|', names);
        _fields = new Regex(
            $"""(?<![A-Za-z0-9_.-])(?:(?<name>{alternation})=(?<value>"(?:[^"\\]|\\.)*"|[^&\s"'<>,;]+)|"(?<name>{alternation})"\s*:\s*"(?<value>(?:[^"\\]|\\.)*)"|<(?<name>{alternation}|SignatureProvided)>(?<value>[^<]*)</)""",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }
        text = _fields.Replace(text, ReplaceField);
        text = AuthorizationScheme().Replace(text, m => m.Groups["scheme"].Value + m.Groups["space"].Value +
            (m.Groups["scheme"].Value.Equals("basic", StringComparison.OrdinalIgnoreCase)
                ? SecretValue.ReplaceBasic(m.Groups["value"].Value)
                : SecretValue.Replace(m.Groups["value"].Value, SecretKind.Token)));
        text = SecretValue.JwtShape().Replace(text, m => SecretValue.Replace(m.Value, SecretKind.Token));
        text = UrlPassword().Replace(text, m => m.Groups["head"].Value + SecretMarker.Password + "@");
        text = AwsAccessKeyId().Replace(text, m => SecretMarker.For(m.Value));
        return text;
    }

    private string ReplaceField(Match match)
    {
        var name = match.Groups["name"].Value;
        var valueGroup = match.Groups["value"];
        var raw = valueGroup.Value;
        var quoted = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' && match.Value[name.Length] == '=';
        var value = quoted ? raw[1..^1] : raw;
        if (value.Length == 0 || SecretMarker.IsRedacted(value) || SecretMarker.IsRedacted(Unescape(value)))
        {
            return match.Value;
        }
        var kind = name.Equals("SignatureProvided", StringComparison.OrdinalIgnoreCase)
            ? SecretKind.Token
            : SecretNames.Field(name, _options) ?? SecretKind.Token;
        // Hash the decoded value, so the same signature gives the same marker in a URL and in a log line.
        var replaced = SecretValue.Replace(Unescape(value), kind);
        if (quoted)
        {
            replaced = '"' + replaced + '"';
        }
        var start = valueGroup.Index - match.Index;
        return string.Concat(match.Value.AsSpan(0, start), replaced, match.Value.AsSpan(start + raw.Length));
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    /// <summary>"Bearer x", "Basic x" in free text; not a challenge's <c>Bearer realm="…"</c>.</summary>
    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic)(?<space>\s+)(?![A-Za-z]+=""|<redacted)(?<value>[A-Za-z0-9._~+/-]+=*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationScheme();

    /// <summary>user:password@ in a URL.</summary>
    [GeneratedRegex(@"(?<head>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@<>""]+:)(?!<redacted|%3Credacted)[^\s/@<>""]+@")]
    private static partial Regex UrlPassword();

    /// <summary>AWS access key ids (long-term AKIA, temporary ASIA): they name the credential that signed.</summary>
    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")]
    private static partial Regex AwsAccessKeyId();
}
