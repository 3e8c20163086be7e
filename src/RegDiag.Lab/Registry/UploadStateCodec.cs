using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace RegDiag.Lab.Registry;

/// <summary>
/// Packs upload state into the HMAC-protected _state token as distribution's hmac.go does (MAC then JSON,
/// base64url). The key is the registry's http.secret: per run here, so a URL from another run is rejected.
/// </summary>
internal sealed class UploadStateCodec(byte[] secret)
{
    public string Pack(UploadState state)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(state);
        var mac = HMACSHA256.HashData(secret, json);
        return WebEncoders.Base64UrlEncode([.. mac, .. json]);
    }

    /// <summary>The state, or an error text like distribution's ("invalid secret") when the token is bad.</summary>
    public (UploadState? State, string? Error) Unpack(string? token)
    {
        byte[] raw;
        try
        {
            raw = WebEncoders.Base64UrlDecode(token ?? "");
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
        if (raw.Length < 32)
        {
            return (null, "invalid token");
        }
        var json = raw[32..];
        if (!CryptographicOperations.FixedTimeEquals(raw.AsSpan(0, 32), HMACSHA256.HashData(secret, json)))
        {
            return (null, "invalid secret");
        }
        try
        {
            return (JsonSerializer.Deserialize<UploadState>(json), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
    }
}
