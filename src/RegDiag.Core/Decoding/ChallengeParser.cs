namespace RegDiag.Core.Decoding;

/// <summary>Parses a WWW-Authenticate value: <c>Bearer realm="…",service="…",scope="a:b:push,pull",error="…"</c>.</summary>
internal static class ChallengeParser
{
    public static AuthChallenge? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        value = value.Trim();
        var space = value.IndexOf(' ');
        var scheme = space < 0 ? value : value[..space];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space < 0 ? value.Length : space + 1;
        while (i < value.Length)
        {
            while (i < value.Length && (value[i] == ' ' || value[i] == ','))
            {
                i++;
            }
            var equals = value.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }
            var name = value[i..equals].Trim();
            i = equals + 1;
            string parameter;
            if (i < value.Length && value[i] == '"')
            {
                // Quoted strings may hold commas (scope="repository:a:push,pull") and escaped quotes.
                var builder = new System.Text.StringBuilder();
                i++;
                while (i < value.Length && value[i] != '"')
                {
                    if (value[i] == '\\' && i + 1 < value.Length)
                    {
                        i++;
                    }
                    builder.Append(value[i]);
                    i++;
                }
                i++;
                parameter = builder.ToString();
            }
            else
            {
                var comma = value.IndexOf(',', i);
                parameter = (comma < 0 ? value[i..] : value[i..comma]).Trim();
                i = comma < 0 ? value.Length : comma;
            }
            parameters.TryAdd(name, parameter);
        }
        return new AuthChallenge
        {
            Scheme = scheme,
            Realm = parameters.GetValueOrDefault("realm"),
            Service = parameters.GetValueOrDefault("service"),
            Scope = parameters.GetValueOrDefault("scope"),
            Error = parameters.GetValueOrDefault("error"),
            ErrorDescription = parameters.GetValueOrDefault("error_description"),
        };
    }
}
