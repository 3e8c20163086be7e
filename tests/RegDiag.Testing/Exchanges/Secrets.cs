using System.Text;
using RegDiag.Core.Model;

namespace RegDiag.Testing.Exchanges;

/// <summary>
/// The leak corpus: secrets as they appear in registry, token-service and storage traffic, and exchanges
/// that carry each of them in every place a secret can hide (headers, URLs, bodies, error messages).
/// </summary>
public static class Secrets
{
    public static readonly string JwtSignature = "QkFEX1NJR05BVFVSRV9TSE9VTERfTkVWRVJfTEVBSw_x-YzAxMjM0NTY3ODk";
    public static readonly string Jwt = B64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"ABCD:EFGH\"}") + "." +
        B64("{\"iss\":\"gitlab-issuer\",\"sub\":\"alice\",\"aud\":\"container_registry\",\"iat\":1795860000,\"exp\":1795860300,\"access\":[{\"type\":\"repository\",\"name\":\"grp/proj/app\",\"actions\":[\"push\",\"pull\"]}]}") +
        "." + JwtSignature;
    public const string OpaqueToken = "opaque-Tok3n-9f8e7d6c5b4a3210";
    public const string RefreshToken = "rfr3sh-0123456789abcdef0123";
    public const string Password = "hunter2-S3cret!x";
    public const string BasicPassword = "pa55w0rd-basic-77";
    public const string UrlPassword = "url-p4ss-word-99";
    public const string CookieValue = "c00kie-value-1234567890";
    public const string SetCookieValue = "s3t-c00kie-0987654321";
    public const string AmzSignature = "d3adbeef0123456789abcdef0123456789abcdef0123456789abcdefd3adbeef";
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string SessionToken = "FwoGZXIvYXdzEJr-sess10nT0ken-Zz9";
    public const string GoogSignature = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b";
    public const string AzureSig = "AzUr3+SiG/vAlue=";
    public const string CloudFrontSignature = "Cl0udFr0nt~S1gnatur3__x";
    public const string CloudFrontPolicy = "eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiKiJ9XX0_";
    public const string PrivateToken = "glpat-Pr1vat3T0ken-abc";
    public const string SigV2Signature = "SigV2+Signature/Value=";

    public static IReadOnlyList<string> All =>
    [
        JwtSignature, Jwt, OpaqueToken, RefreshToken, Password, BasicPassword, UrlPassword, CookieValue, SetCookieValue,
        AmzSignature, AccessKeyId, SessionToken, GoogSignature, AzureSig, CloudFrontSignature, CloudFrontPolicy,
        PrivateToken, SigV2Signature, Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + BasicPassword)),
    ];

    public const string LayerDigest = "sha256:ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";

    public static string PresignedS3 =>
        $"https://bucket.s3.test/docker/registry/v2/blobs/sha256/ab/{LayerDigest[7..]}/data?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
        $"&X-Amz-Credential={AccessKeyId}%2F20261128%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261128T100000Z" +
        $"&X-Amz-Expires=1200&X-Amz-Security-Token={Uri.EscapeDataString(SessionToken)}&X-Amz-SignedHeaders=host&X-Amz-Signature={AmzSignature}";

    public static IReadOnlyList<Exchange> Corpus()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + BasicPassword));
        return
        [
            X.Ex(1, "GET", $"https://bob:{UrlPassword}@registry.test/v2/", 401,
                request: [("Authorization", "Basic " + basic), ("Cookie", $"_gitlab_session={CookieValue}; theme=dark")],
                response: [("WWW-Authenticate", "Bearer realm=\"https://gitlab.test/jwt/auth\",service=\"container_registry\""),
                    ("Set-Cookie", $"sid={SetCookieValue}; Path=/; HttpOnly")]),
            X.Ex(2, "POST", "https://gitlab.test/jwt/auth", 200,
                requestText: $"grant_type=password&username=alice&password={Uri.EscapeDataString(Password)}&service=container_registry",
                requestContentType: "application/x-www-form-urlencoded",
                responseText: $"{{\"token\":\"{Jwt}\",\"access_token\":\"{Jwt}\",\"refresh_token\":\"{RefreshToken}\",\"expires_in\":300}}",
                responseContentType: "application/json"),
            X.Ex(3, "POST", "https://auth.test/token", 200,
                requestText: $"grant_type=refresh_token&refresh_token={RefreshToken}&client_id=docker&client_secret={OpaqueToken}",
                requestContentType: "application/x-www-form-urlencoded",
                responseText: $"{{\"access_token\": \"{OpaqueToken}\", \"password\": \"{Password}\"}}",
                responseContentType: "application/json"),
            X.Ex(4, "HEAD", "https://registry.test/v2/grp/proj/app/blobs/" + LayerDigest, 307,
                request: [("Authorization", "Bearer " + Jwt), ("Private-Token", PrivateToken)],
                response: [("Location", PresignedS3)]),
            X.Ex(5, "HEAD", PresignedS3, 403),
            X.Ex(6, "PUT", "https://s3.test/bucket/docker/registry/v2/repositories/app/_layers/sha256/ab/link", 403,
                request: [("Authorization", $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/20261128/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature={AmzSignature}"),
                    ("X-Amz-Security-Token", SessionToken)],
                responseText: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SignatureDoesNotMatch</Code>" +
                    $"<AWSAccessKeyId>{AccessKeyId}</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n20261128T100000Z</StringToSign>" +
                    $"<SignatureProvided>{AmzSignature}</SignatureProvided><CanonicalRequest>PUT\n/bucket/x\nX-Amz-Security-Token={Uri.EscapeDataString(SessionToken)}</CanonicalRequest></Error>",
                responseContentType: "application/xml"),
            X.Ex(7, "GET", $"https://storage.googleapis.test/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=svc%40p.iam.gserviceaccount.com%2F20261128%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Signature={GoogSignature}", 200),
            X.Ex(8, "GET", $"https://acct.blob.core.windows.test/c/b?sv=2022-11-02&se=2026-11-28T11%3A00%3A00Z&sp=r&sig={Uri.EscapeDataString(AzureSig)}", 200),
            X.Ex(9, "GET", $"https://d111.cloudfront.test/docker/x?Expires=1795861000&Signature={CloudFrontSignature}&Policy={CloudFrontPolicy}&Key-Pair-Id=APKAEIBAERJR2EXAMPLE", 200),
            X.Ex(10, "GET", PresignedS3, null,
                error: new ExchangeError(ExchangeErrorKind.UpstreamConnect, $"connect to {PresignedS3} failed: refused; Authorization: Bearer {OpaqueToken}")),
            X.Ex(11, "GET", $"https://s3.test/bucket/key?AWSAccessKeyId={AccessKeyId}&Expires=1795861000&Signature={Uri.EscapeDataString(SigV2Signature)}", 200,
                request: [("Proxy-Authorization", "Bearer " + OpaqueToken)]),
            X.Ex(12, "GET", "https://registry.test/v2/grp/proj/app/manifests/latest", 200,
                request: [("Authorization", "Bearer " + Jwt)],
                responseText: "{\"schemaVersion\":2}", responseContentType: "application/vnd.oci.image.manifest.v1+json"),
        ];
    }

    /// <summary>A registry token for alice with the given validity, signed with a dummy signature.</summary>
    public static string MakeJwt(DateTimeOffset issuedAt, DateTimeOffset expires, string actions = "\"push\",\"pull\"") =>
        B64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." +
        B64($"{{\"iss\":\"gitlab-issuer\",\"sub\":\"alice\",\"aud\":\"container_registry\",\"iat\":{issuedAt.ToUnixTimeSeconds()},\"exp\":{expires.ToUnixTimeSeconds()},\"access\":[{{\"type\":\"repository\",\"name\":\"grp/proj/app\",\"actions\":[{actions}]}}]}}") +
        ".c2lnbmF0dXJl";

    private static string B64(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
