using System.Text;
using System.Text.Json;

namespace RegDiag.Doctor.Auth;

/// <summary>
/// The claims of a registry JWT (distribution's token format): issuer, audience, subject, times and the
/// granted access list. Decoded, not verified: the doctor reports what the token says; the registry
/// verifies the signature.
/// </summary>
public sealed record JwtClaims(
    string? Issuer,
    IReadOnlyList<string> Audience,
    string? Subject,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? NotBefore,
    DateTimeOffset? Expires,
    IReadOnlyList<JwtAccess> Access,
    string? KeyId)
{
    /// <summary>The actions granted on one repository.</summary>
    public IReadOnlyList<string> ActionsFor(string repository) =>
        Access.Where(a => a.Type == "repository" && (a.Name == repository || a.Name == "*"))
            .SelectMany(a => a.Actions).Distinct().ToList();

    /// <summary>Decodes a compact JWS; null when the token is not a JWT (opaque tokens exist).</summary>
    public static JwtClaims? TryDecode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url(parts[1]));
            var root = payload.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            DateTimeOffset? Time(string name) => root.TryGetProperty(name, out var v) && v.TryGetInt64(out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
            var audience = new List<string>();
            if (root.TryGetProperty("aud", out var aud))
            {
                if (aud.ValueKind == JsonValueKind.String)
                {
                    audience.Add(aud.GetString()!);
                }
                else if (aud.ValueKind == JsonValueKind.Array)
                {
                    audience.AddRange(aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
                }
            }
            var access = new List<JwtAccess>();
            if (root.TryGetProperty("access", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in list.EnumerateArray())
                {
                    var type = entry.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                    var name = entry.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                    var actions = entry.TryGetProperty("actions", out var a) && a.ValueKind == JsonValueKind.Array
                        ? a.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
                        : [];
                    access.Add(new JwtAccess(type, name, actions));
                }
            }
            var kid = header.RootElement.TryGetProperty("kid", out var k) ? k.GetString() : null;
            return new JwtClaims(Text("iss"), audience, Text("sub"), Time("iat"), Time("nbf"), Time("exp"), access, kid);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }
}
