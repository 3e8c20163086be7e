using System.Text;
using RegDiag.Core.Model;

namespace RegDiag.Testing.Captures;

/// <summary>
/// Exchanges of a docker push to registry.test whose storage (s3.test) refuses the HEAD after the registry's
/// 307: the s3-head-forbidden case. Built by hand so each test knows exactly what is in the list.
/// </summary>
public static class S3HeadForbiddenPush
{
    public const string Repository = "group/project";
    public const string LayerHex = "3f1c0a7b9e2d4c5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c";
    public const string Layer = "sha256:" + LayerHex;
    public const string Secret = "s3cr3t-signature-value";

    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A JWT with claims iss, sub, aud, exp and access; its signature is <see cref="Secret"/>.</summary>
    public static string Jwt { get; } = string.Join('.',
        Base64Url("""{"alg":"RS256","typ":"JWT","kid":"ABCD:EFGH"}"""),
        Base64Url("""{"iss":"lab.test","sub":"alice","aud":"registry.test","exp":1795856400,"access":[{"type":"repository","name":"group/project","actions":["push","pull"]}]}"""),
        Base64Url(Secret));

    public static string S3Location { get; } =
        $"https://s3.test/bucket/docker/registry/v2/blobs/sha256/3f/{LayerHex}/data?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261128%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature={Secret}";

    public static IReadOnlyList<Exchange> Exchanges() =>
    [
        Make(1, "GET", "https://registry.test/v2/", 401, [new("WWW-Authenticate", "Bearer realm=\"https://lab.test/token\",service=\"registry.test\"")],
            """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}"""),
        Make(2, "GET", "https://lab.test/token?scope=repository%3Agroup%2Fproject%3Apush%2Cpull&service=registry.test", 200, [],
            $$"""{"token":"{{Jwt}}","expires_in":300}""", requestHeaders: [new("Authorization", "Basic YWxpY2U6cGFzc3dvcmQ=")]),
        Make(3, "GET", "https://registry.test/v2/", 200, [new("Docker-Distribution-API-Version", "registry/2.0")], "{}",
            requestHeaders: [new("Authorization", "Bearer " + Jwt)]),
        Make(4, "HEAD", $"https://registry.test/v2/{Repository}/blobs/{Layer}", 307, [new("Location", S3Location)], null,
            requestHeaders: [new("Authorization", "Bearer " + Jwt)]),
        Make(5, "HEAD", S3Location, 403, [new("x-amz-request-id", "17A2B3C4D5E6F708")], null),
        Make(6, "GET", S3Location, 403, [new("x-amz-request-id", "17A2B3C4D5E6F709"), new("Content-Type", "application/xml")],
            """<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>17A2B3C4D5E6F709</RequestId></Error>"""),
        Make(7, "GET", $"https://registry.test/v2/{Repository}/manifests/latest", 404, [new("Content-Type", "application/json")],
            """{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"latest"}}]}""",
            requestHeaders: [new("Authorization", "Bearer " + Jwt)]),
    ];

    public static Exchange Make(
        long id,
        string method,
        string url,
        int status,
        IReadOnlyList<Header> responseHeaders,
        string? responseBody,
        IReadOnlyList<Header>? requestHeaders = null,
        DateTimeOffset? started = null) => new()
    {
        Id = id,
        ClientAddress = "127.0.0.1:50000",
        ConnectionId = "c1",
        Source = "test",
        Request = new RequestRecord
        {
            Method = method,
            Url = url,
            Headers = [new("Host", new Uri(url).Authority), .. requestHeaders ?? []],
        },
        Response = new ResponseRecord
        {
            Status = status,
            Reason = status switch { 200 => "OK", 307 => "Temporary Redirect", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found", _ => null },
            Headers = responseHeaders,
            Body = responseBody == null ? BodyRecord.Empty : new BodyRecord
            {
                Size = Encoding.UTF8.GetByteCount(responseBody),
                Text = responseBody,
                Sha256 = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(responseBody))),
                ContentType = responseHeaders.Get("Content-Type"),
            },
        },
        Timings = new ExchangeTimings
        {
            Started = started ?? Start.AddMilliseconds(id * 50),
            RequestSentMs = 1,
            FirstResponseByteMs = 10,
            EndMs = 12,
        },
    };

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
