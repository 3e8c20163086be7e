using System.Globalization;
using System.Text;
using RegDiag.Core.Decoding;

namespace RegDiag.Tui.Detail;

/// <summary>What a decoded JWT says, as indented lines; the token itself is never part of it.</summary>
internal static class JwtText
{
    public static string Describe(JwtInfo jwt, string indent)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var text = new StringBuilder();
        text.Append(indent).Append("JWT ").Append(jwt.Marker);
        if (jwt.Algorithm != null)
        {
            text.Append(" alg=").Append(jwt.Algorithm);
        }
        if (jwt.KeyId != null)
        {
            text.Append(" kid=").Append(jwt.KeyId);
        }
        text.AppendLine();
        Line(text, indent, "iss", jwt.Issuer);
        Line(text, indent, "sub", jwt.Subject);
        Line(text, indent, "aud", jwt.Audience.Count == 0 ? null : string.Join(", ", jwt.Audience));
        Line(text, indent, "iat", Time(jwt.IssuedAt));
        Line(text, indent, "nbf", Time(jwt.NotBefore));
        Line(text, indent, "exp", Time(jwt.Expires));
        foreach (var access in jwt.Access)
        {
            Line(text, indent, "access", access.ToString());
        }
        return text.ToString().TrimEnd();
    }

    private static void Line(StringBuilder text, string indent, string name, string? value)
    {
        if (value != null)
        {
            text.Append(indent).Append("  ").Append(name).Append(": ").AppendLine(value);
        }
    }

    private static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
