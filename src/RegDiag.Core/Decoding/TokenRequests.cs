using System.Text;
using System.Text.Json;
using RegDiag.Core.Http;
using RegDiag.Core.Model;

namespace RegDiag.Core.Decoding;

/// <summary>
/// Recognises token-service requests: Docker token auth (GET ?service=&amp;scope=), its OAuth2 form POST
/// (grant_type=password|refresh_token), GitLab's /jwt/auth, and any URL a registry named as its realm.
/// </summary>
internal static class TokenRequests
{
    public static Operation? Detect(RequestRecord request, UrlParts url, bool knownRealm)
    {
        var method = request.Method.ToUpperInvariant();
        if (url.Path.EndsWith("/jwt/auth", StringComparison.Ordinal))
        {
            return Operation.GitLabJwtAuth;
        }
        if (method == "POST" && (knownRealm || (request.Body.Text?.Contains("grant_type=", StringComparison.Ordinal) ?? false)))
        {
            return Operation.TokenPost;
        }
        if (method == "GET" && (knownRealm || url.HasParameter("service") || url.HasParameter("scope")))
        {
            return Operation.TokenGet;
        }
        return null;
    }

    public static TokenExchange Describe(RequestRecord request, ResponseRecord? response, UrlParts url, Func<string, JwtInfo?> decode)
    {
        var form = request.Body.Text is { } text && (request.Body.ContentType?.Contains("form", StringComparison.OrdinalIgnoreCase) ?? text.Contains('='))
            ? QueryString.Parse("?" + text).ToList()
            : [];
        string? Field(string name) => url.Parameter(name) ?? form.FirstOrDefault(p => p.Name == name).Value;
        var scopes = url.Parameters().Concat(form).Where(p => p.Name == "scope")
            .SelectMany(p => p.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        var exchange = new TokenExchange
        {
            Service = Field("service"),
            Scopes = scopes,
            Account = Field("account") ?? Field("username") ?? BasicUser(request.Headers.Get("Authorization")),
            GrantType = Field("grant_type"),
            ClientId = Field("client_id"),
        };
        if (response is { Status: >= 200 and < 300, Body.Text: { } body } && body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var token = Text(root, "token") ?? Text(root, "access_token");
                exchange = exchange with
                {
                    Issued = token == null ? null : decode(token),
                    ExpiresIn = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var s) ? s : null,
                    RefreshTokenIssued = root.TryGetProperty("refresh_token", out _),
                };
            }
            catch (JsonException)
            {
                // A truncated or odd body: the request side is still described.
            }
        }
        return exchange;
    }

    /// <summary>The user name of a Basic Authorization value (raw, or as RegDiag's redaction leaves it).</summary>
    public static string? BasicUser(string? authorization)
    {
        if (authorization == null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var credentials = authorization[6..].Trim();
        if (credentials.StartsWith("<redacted user=", StringComparison.Ordinal))
        {
            return credentials["<redacted user=".Length..].TrimEnd('>');
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials));
            var colon = decoded.IndexOf(':');
            return colon > 0 ? decoded[..colon] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
