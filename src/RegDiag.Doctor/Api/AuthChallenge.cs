using System.Text;

namespace RegDiag.Doctor.Api;

/// <summary>
/// One WWW-Authenticate challenge (RFC 7235): a scheme and its parameters, e.g.
/// Bearer realm="https://gitlab.example.com/jwt/auth",service="container_registry",scope="repository:g/p:pull".
/// Hand-parsed because .NET's AuthenticationHeaderValue keeps the parameters as one unparsed string.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Realm => Parameters.GetValueOrDefault("realm");
    public string? Service => Parameters.GetValueOrDefault("service");
    public string? Scope => Parameters.GetValueOrDefault("scope");
    public string? Error => Parameters.GetValueOrDefault("error");

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses one header value; null when it is not a well-formed challenge.</summary>
    public static AuthChallenge? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        var space = text.IndexOf(' ');
        var scheme = space < 0 ? text : text[..space];
        if (scheme.Length == 0 || scheme.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.'))
        {
            return null;
        }
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space < 0 ? text.Length : space + 1;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ','))
            {
                i++;
            }
            if (i >= text.Length)
            {
                break;
            }
            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                return null;
            }
            var key = text[i..eq].Trim();
            if (key.Length == 0 || key.Contains(' '))
            {
                return null;
            }
            i = eq + 1;
            string parsed;
            if (i < text.Length && text[i] == '"')
            {
                var builder = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '\\' && i < text.Length)
                    {
                        builder.Append(text[i++]);
                    }
                    else if (c == '"')
                    {
                        closed = true;
                        break;
                    }
                    else
                    {
                        builder.Append(c);
                    }
                }
                if (!closed)
                {
                    return null;
                }
                parsed = builder.ToString();
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                parsed = text[i..end].Trim();
                i = end;
            }
            parameters[key] = parsed;
        }
        return new AuthChallenge(scheme, parameters);
    }
}
