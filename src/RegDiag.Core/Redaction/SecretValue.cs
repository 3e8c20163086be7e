using System.Text;
using System.Text.RegularExpressions;

namespace RegDiag.Core.Redaction;

/// <summary>Replaces one secret value according to its kind.</summary>
internal static partial class SecretValue
{
    /// <summary>
    /// The replacement for <paramref name="value"/>. A JWT keeps its header and claims (public, and what the
    /// decoder reads: scope, expiry) while its signature, the part that makes it usable, becomes the marker
    /// of the whole token, so the same token hashes alike wherever it appears.
    /// </summary>
    public static string Replace(string value, SecretKind kind)
    {
        if (value.Length == 0 || SecretMarker.IsRedacted(value))
        {
            return value;
        }
        switch (kind)
        {
            case SecretKind.Password:
                return SecretMarker.Password;
            case SecretKind.Credential:
                var slash = value.IndexOf('/');
                return slash < 0 ? SecretMarker.For(value) : SecretMarker.For(value[..slash]) + value[slash..];
            default:
                var jwt = JwtShape().Match(value);
                if (jwt.Success && jwt.Length == value.Length)
                {
                    return jwt.Groups["public"].Value + SecretMarker.For(value);
                }
                return SecretMarker.For(value);
        }
    }

    /// <summary>"Basic base64(user:password)": the user name stays (it tells which account), the password goes.</summary>
    public static string ReplaceBasic(string credentials)
    {
        if (SecretMarker.IsRedacted(credentials))
        {
            return credentials;
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials));
            var colon = decoded.IndexOf(':');
            if (colon > 0 && UserName().IsMatch(decoded[..colon]))
            {
                return $"<redacted user={decoded[..colon]}>";
            }
        }
        catch (FormatException)
        {
            // Not base64: treat it as an opaque secret.
        }
        return SecretMarker.Password;
    }

    /// <summary>A JWS: base64url header and payload (both JSON objects, hence "eyJ"), then the signature.</summary>
    [GeneratedRegex(@"(?<public>eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.)[A-Za-z0-9_-]+")]
    internal static partial Regex JwtShape();

    [GeneratedRegex(@"^[A-Za-z0-9_.@+-]{1,128}$")]
    private static partial Regex UserName();
}
