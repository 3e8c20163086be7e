using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RegDiag.Tui.Detail;

/// <summary>
/// Shows what a JWT says without showing the token: the header's alg and kid and the payload's claims,
/// times in UTC. The signature is never shown, so the text is safe to put on screen or in a bug report.
/// </summary>
internal static class JwtClaims
{
    /// <summary>Decoded header and claims as indented lines, or null when the text is not a JWT.</summary>
    public static string? Describe(string token, string indent)
    {
        var parts = token.Trim().Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url(parts[1]));
            var text = new StringBuilder();
            text.Append(indent).Append("JWT (token hidden)");
            foreach (var name in new[] { "alg", "kid" })
            {
                if (header.RootElement.TryGetProperty(name, out var value))
                {
                    text.Append(' ').Append(name).Append('=').Append(value.ToString());
                }
            }
            text.AppendLine();
            foreach (var claim in payload.RootElement.EnumerateObject())
            {
                text.Append(indent).Append("  ").Append(claim.Name).Append(": ").AppendLine(ClaimText(claim));
            }
            return text.ToString().TrimEnd();
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static string ClaimText(JsonProperty claim)
    {
        if (claim.Name is "exp" or "nbf" or "iat" && claim.Value.TryGetInt64(out var seconds))
        {
            return $"{seconds} ({DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)";
        }
        return claim.Value.ValueKind == JsonValueKind.String ? claim.Value.GetString()! : claim.Value.GetRawText();
    }

    private static byte[] Base64Url(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(padded);
    }
}
