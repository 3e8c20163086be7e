using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace RegDiag.Lab.Auth;

/// <summary>
/// ES256 JWTs as Docker token auth uses them (header kid, claims iss/sub/aud/exp/nbf/iat/jti/access).
/// Hand-written: the framework has no JWT library, and the format is three base64url parts and one signature.
/// </summary>
internal sealed class JwtToken(ECDsa key, string keyId)
{
    public string KeyId => keyId;

    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "ES256", ["kid"] = keyId };
        var signingInput = Encode(header) + "." + Encode(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + WebEncoders.Base64UrlEncode(signature);
    }

    /// <summary>The claims when the signature is ours, else null with the reason distribution would log.</summary>
    public (JsonObject? Claims, string? Error) Verify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (null, "token is malformed");
        }
        try
        {
            var header = JsonNode.Parse(WebEncoders.Base64UrlDecode(parts[0])) as JsonObject;
            if (header?["alg"]?.GetValue<string>() != "ES256")
            {
                return (null, "unsupported signing algorithm");
            }
            if (header["kid"]?.GetValue<string>() != keyId)
            {
                return (null, $"token signed by untrusted key with ID: \"{header["kid"]}\"");
            }
            var signature = WebEncoders.Base64UrlDecode(parts[2]);
            if (!key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256))
            {
                return (null, "unable to verify token signature");
            }
            return (JsonNode.Parse(WebEncoders.Base64UrlDecode(parts[1])) as JsonObject, null);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return (null, "token is malformed: " + e.Message);
        }
    }

    private static string Encode(JsonObject value) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(value.ToJsonString()));
}
