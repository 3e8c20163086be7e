using System.Security.Cryptography;
using System.Text;

namespace RegDiag.Core.Redaction;

/// <summary>
/// The text that replaces a secret. Its shape does not depend on the secret's length, and it carries the
/// first 12 hex digits of the secret's SHA-256, so two requests that used the same token stay recognisably
/// the same (and a user can check a marker against a token they hold with <c>printf %s TOKEN | sha256sum</c>).
/// Low-entropy secrets (passwords) get no hash at all: a short hash of a password invites a dictionary attack.
/// </summary>
public static class SecretMarker
{
    public const string Prefix = "<redacted";

    /// <summary>The marker for a password: no hash.</summary>
    public const string Password = "<redacted>";

    /// <summary>"&lt;redacted sha256:0123456789ab&gt;".</summary>
    public static string For(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return $"<redacted sha256:{ShortHash(secret)}>";
    }

    /// <summary>The 12-hex-digit hash prefix a marker carries for <paramref name="secret"/>.</summary>
    public static string ShortHash(string secret)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), hash);
        return Convert.ToHexStringLower(hash[..6]);
    }

    /// <summary>True when the value already is (or contains) a marker, so it is never redacted twice.</summary>
    public static bool IsRedacted(string value) => value.Contains(Prefix, StringComparison.Ordinal);
}
