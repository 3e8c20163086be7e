using System.Text;
using System.Text.Json;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Decoding;

/// <summary>
/// Decodes the header and claims of a JWS compact token. No signature check: RegDiag explains, it does not
/// authorise. Works on redacted tokens too (their header and claims survive redaction).
/// </summary>
internal static class JwtDecoder
{
    public static JwtInfo? TryDecode(string token)
    {
        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || !token.StartsWith("eyJ", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            using var header = JsonDocument.Parse(Base64Url(token[..first]));
            using var claims = JsonDocument.Parse(Base64Url(token[(first + 1)..second]));
            var h = header.RootElement;
            var c = claims.RootElement;
            if (h.ValueKind != JsonValueKind.Object || c.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var marker = token.Contains(SecretMarker.Prefix, StringComparison.Ordinal)
                ? token[(second + 1)..]
                : SecretMarker.For(token);
            return new JwtInfo
            {
                Marker = marker,
                Algorithm = Text(h, "alg"),
                KeyId = Text(h, "kid"),
                Issuer = Text(c, "iss"),
                Subject = Text(c, "sub"),
                Audience = c.TryGetProperty("aud", out var aud) ? Strings(aud) : [],
                IssuedAt = Time(c, "iat"),
                NotBefore = Time(c, "nbf"),
                Expires = Time(c, "exp"),
                Access = c.TryGetProperty("access", out var access) && access.ValueKind == JsonValueKind.Array
                    ? access.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => new TokenAccess(
                        Text(a, "type") ?? "", Text(a, "name") ?? "",
                        a.TryGetProperty("actions", out var actions) ? Strings(actions) : [])).ToList()
                    : [],
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[] Base64Url(string part)
    {
        var text = part.Replace('-', '+').Replace('_', '/');
        text += (text.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(text);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
        _ => [],
    };

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    internal static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
