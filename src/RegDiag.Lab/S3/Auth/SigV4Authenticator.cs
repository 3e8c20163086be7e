using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RegDiag.Lab.S3.Auth;

/// <summary>
/// Verifies SigV4 signatures of S3 requests, from the Authorization header or a presigned query string, in
/// the order S3 reports problems: malformed input, wrong region, unknown key, request time (skew or
/// expiry), then the signature itself. Error texts follow S3's so clients print what they would print there.
/// </summary>
internal sealed class SigV4Authenticator(string region, IReadOnlyDictionary<string, string> secretsByAccessKey)
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxPresignedExpiry = TimeSpan.FromDays(7);

    /// <param name="rawPath">The request path exactly as sent (still percent-encoded).</param>
    /// <param name="rawQuery">The query string as sent, without '?'.</param>
    public S3Identity Authenticate(HttpRequest request, string rawPath, string rawQuery, DateTimeOffset now)
    {
        var query = QueryString.Parse(rawQuery);
        if (QueryString.Get(query, "X-Amz-Algorithm") != null || QueryString.Get(query, "X-Amz-Signature") != null)
        {
            return AuthenticatePresigned(request, rawPath, query, now);
        }
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw new S3Exception(S3ErrorCode.AccessDenied);
        }
        return AuthenticateHeader(request, rawPath, query, header, now);
    }

    private S3Identity AuthenticateHeader(
        HttpRequest request, string rawPath, IReadOnlyList<KeyValuePair<string, string>> query, string header, DateTimeOffset now)
    {
        if (!header.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            throw new S3Exception(S3ErrorCode.InvalidArgument,
                "Unsupported Authorization Type", [new("ArgumentName", "Authorization"), new("ArgumentValue", header)]);
        }
        var elements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(SigV4.Algorithm.Length + 1)..].Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq > 0)
            {
                elements[part[..eq].Trim()] = part[(eq + 1)..].Trim();
            }
        }
        if (!elements.TryGetValue("Credential", out var credentialText)
            || !elements.TryGetValue("SignedHeaders", out var signedHeaders)
            || !elements.TryGetValue("Signature", out var signature))
        {
            throw Malformed("the authorization header requires Credential, SignedHeaders and Signature");
        }
        var credential = SigV4Credential.TryParse(credentialText)
            ?? throw Malformed($"the Credential '{credentialText}' is not of the form AKID/date/region/s3/aws4_request");
        if (credential.Region != region)
        {
            throw new S3Exception(S3ErrorCode.AuthorizationHeaderMalformed,
                $"The authorization header is malformed; the region '{credential.Region}' is wrong; expecting '{region}'",
                [new("Region", region)]);
        }
        if (credential.Service != "s3" || credential.Terminator != "aws4_request")
        {
            throw Malformed($"incorrect service '{credential.Service}' or terminator '{credential.Terminator}'; expecting 's3' and 'aws4_request'");
        }
        var secret = SecretFor(credential.AccessKey);

        var amzDate = request.Headers["x-amz-date"].ToString();
        DateTimeOffset requestTime;
        if (amzDate.Length > 0)
        {
            if (!TryParseAmzDate(amzDate, out requestTime))
            {
                throw new S3Exception(S3ErrorCode.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");
            }
        }
        else if (DateTimeOffset.TryParseExact(request.Headers.Date.ToString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out requestTime))
        {
            amzDate = requestTime.UtcDateTime.ToString(SigV4.AmzDateFormat, CultureInfo.InvariantCulture);
        }
        else
        {
            throw new S3Exception(S3ErrorCode.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");
        }
        if (credential.Date != amzDate[..8])
        {
            throw Malformed($"Invalid credential date \"{credential.Date}\". This date is not the same as X-Amz-Date: \"{amzDate[..8]}\".");
        }
        if ((requestTime - now).Duration() > MaxSkew)
        {
            throw new S3Exception(S3ErrorCode.RequestTimeTooSkewed, null,
            [
                new("RequestTime", requestTime.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)),
                new("ServerTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                new("MaxAllowedSkewMilliseconds", "900000"),
            ]);
        }

        var payloadHash = request.Headers["x-amz-content-sha256"].ToString();
        if (payloadHash.Length == 0)
        {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "Missing required header for this request: x-amz-content-sha256");
        }
        if (!IsKnownPayloadHash(payloadHash))
        {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.",
                [new("ArgumentName", "x-amz-content-sha256"), new("ArgumentValue", payloadHash)]);
        }
        var canonicalRequest = CanonicalRequest(request, rawPath, query, signedHeaders, payloadHash, excludeSignature: false);
        return Verify(credential, secret, amzDate, canonicalRequest, signature, presigned: false, payloadHash);
    }

    private S3Identity AuthenticatePresigned(
        HttpRequest request, string rawPath, IReadOnlyList<KeyValuePair<string, string>> query, DateTimeOffset now)
    {
        var algorithm = QueryString.Get(query, "X-Amz-Algorithm");
        var credentialText = QueryString.Get(query, "X-Amz-Credential");
        var amzDate = QueryString.Get(query, "X-Amz-Date");
        var expiresText = QueryString.Get(query, "X-Amz-Expires");
        var signedHeaders = QueryString.Get(query, "X-Amz-SignedHeaders");
        var signature = QueryString.Get(query, "X-Amz-Signature");
        if (algorithm == null || credentialText == null || amzDate == null || expiresText == null || signedHeaders == null || signature == null)
        {
            throw new S3Exception(S3ErrorCode.AuthorizationQueryParametersError);
        }
        if (algorithm != SigV4.Algorithm)
        {
            throw new S3Exception(S3ErrorCode.AuthorizationQueryParametersError, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        var credential = SigV4Credential.TryParse(credentialText)
            ?? throw new S3Exception(S3ErrorCode.AuthorizationQueryParametersError,
                $"Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        if (credential.Region != region)
        {
            throw new S3Exception(S3ErrorCode.AuthorizationQueryParametersError,
                $"Error parsing the X-Amz-Credential parameter; the region '{credential.Region}' is wrong; expecting '{region}'",
                [new("Region", region)]);
        }
        if (!TryParseAmzDate(amzDate, out var signedAt) || credential.Date != amzDate[..8])
        {
            throw new S3Exception(S3ErrorCode.AuthorizationQueryParametersError, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\" and match the credential date");
        }
        if (!int.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresSeconds)
            || TimeSpan.FromSeconds(expiresSeconds) > MaxPresignedExpiry)
        {
            throw new S3Exception(S3ErrorCode.AuthorizationQueryParametersError, "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        var secret = SecretFor(credential.AccessKey);
        var expiresAt = signedAt.AddSeconds(expiresSeconds);
        if (now > expiresAt)
        {
            throw new S3Exception(S3ErrorCode.AccessDenied, "Request has expired",
            [
                new("X-Amz-Expires", expiresText),
                new("Expires", expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                new("ServerTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ]);
        }
        if (signedAt - now > MaxSkew)
        {
            throw new S3Exception(S3ErrorCode.AccessDenied, "Request is not valid yet");
        }
        var payloadHash = QueryString.Get(query, "X-Amz-Content-Sha256") ?? request.Headers["x-amz-content-sha256"].FirstOrDefault() ?? SigV4.UnsignedPayload;
        var canonicalRequest = CanonicalRequest(request, rawPath, query, signedHeaders, payloadHash, excludeSignature: true);
        return Verify(credential, secret, amzDate, canonicalRequest, signature, presigned: true, payloadHash);
    }

    private static S3Identity Verify(
        SigV4Credential credential, string secret, string amzDate, string canonicalRequest, string signature, bool presigned, string payloadHash)
    {
        var key = SigV4.SigningKey(secret, credential.Date, credential.Region, credential.Service);
        var stringToSign = SigV4.StringToSign(amzDate, credential.Scope, canonicalRequest);
        var expected = SigV4.Sign(key, stringToSign);
        if (!SigV4.SignatureEquals(expected, signature))
        {
            // S3 returns what it signed so that a client can find which header or path differs.
            throw new S3Exception(S3ErrorCode.SignatureDoesNotMatch, null,
            [
                new("AWSAccessKeyId", credential.AccessKey),
                new("StringToSign", stringToSign),
                new("SignatureProvided", signature),
                new("StringToSignBytes", string.Join(' ', Encoding.UTF8.GetBytes(stringToSign).Select(b => b.ToString("x2")))),
                new("CanonicalRequest", canonicalRequest),
                new("CanonicalRequestBytes", string.Join(' ', Encoding.UTF8.GetBytes(canonicalRequest).Select(b => b.ToString("x2")))),
            ]);
        }
        return new S3Identity(credential.AccessKey, presigned, payloadHash, key, credential.Scope, amzDate, expected);
    }

    private static string CanonicalRequest(
        HttpRequest request, string rawPath, IReadOnlyList<KeyValuePair<string, string>> query, string signedHeaders, string payloadHash, bool excludeSignature)
    {
        var canonicalUri = SigV4.UriEncode(Uri.UnescapeDataString(rawPath), keepSlash: true);
        var canonicalQuery = string.Join('&', query
            .Where(p => !excludeSignature || p.Key != "X-Amz-Signature")
            .Select(p => (Key: SigV4.UriEncode(p.Key, false), Value: SigV4.UriEncode(p.Value, false)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var builder = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            var values = name == "host" ? [request.Host.Value ?? ""] : request.Headers[name].Select(v => v ?? "").ToArray();
            builder.Append(name).Append(':')
                .Append(string.Join(',', values.Select(v => string.Join(' ', v.Split(' ', StringSplitOptions.RemoveEmptyEntries)))))
                .Append('\n');
        }
        return $"{request.Method}\n{canonicalUri}\n{canonicalQuery}\n{builder}\n{signedHeaders}\n{payloadHash}";
    }

    private string SecretFor(string accessKey) =>
        secretsByAccessKey.TryGetValue(accessKey, out var secret)
            ? secret
            : throw new S3Exception(S3ErrorCode.InvalidAccessKeyId, null, [new("AWSAccessKeyId", accessKey)]);

    private static bool IsKnownPayloadHash(string value) =>
        value is SigV4.UnsignedPayload or SigV4.StreamingSigned or SigV4.StreamingSignedTrailer or SigV4.StreamingUnsignedTrailer
        || (value.Length == 64 && value.All(char.IsAsciiHexDigit));

    private static bool TryParseAmzDate(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, SigV4.AmzDateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static S3Exception Malformed(string detail) =>
        new(S3ErrorCode.AuthorizationHeaderMalformed, $"The authorization header is malformed; {detail}");
}
