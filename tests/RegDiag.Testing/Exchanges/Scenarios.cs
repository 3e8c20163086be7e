using RegDiag.Core.Model;

namespace RegDiag.Testing.Exchanges;

/// <summary>
/// Traffic as real clients produce it against distribution (request order, headers, bodies), built from the
/// model so tests can vary one thing at a time.
/// </summary>
public static class Scenarios
{
    public const string Registry = "https://registry.test:5000";
    public const string Realm = "https://auth.test/token";
    public const string Repo = "grp/proj/app";
    public const string Layer = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string Config = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    public const string Challenge = "Bearer realm=\"" + Realm + "\",service=\"registry.test\"";

    public static string RegistryError(string code, string message, string? detail = null) =>
        $"{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"{message}\",\"detail\":{(detail == null ? "null" : "\"" + detail + "\"")}}}]}}";

    /// <summary>The login dance: ping 401, token fetch, ping 200.</summary>
    public static List<Exchange> Login(ref long id, ref double at)
    {
        var list = new List<Exchange>
        {
            X.Ex(id++, "GET", Registry + "/v2/", 401, atMs: at, response: [("WWW-Authenticate", Challenge), ("Docker-Distribution-API-Version", "registry/2.0")],
                responseText: RegistryError("UNAUTHORIZED", "authentication required"), responseContentType: "application/json"),
            X.Ex(id++, "GET", Realm + "?account=alice&scope=repository%3A" + Uri.EscapeDataString(Repo) + "%3Apush%2Cpull&service=registry.test", 200, atMs: at + 20,
                request: [("Authorization", "Basic " + Convert.ToBase64String("alice:secret"u8.ToArray()))],
                responseText: $"{{\"token\":\"{Secrets.Jwt}\",\"expires_in\":300}}", responseContentType: "application/json"),
            X.Ex(id++, "GET", Registry + "/v2/", 200, atMs: at + 40, request: [("Authorization", "Bearer " + Secrets.Jwt)]),
        };
        at += 60;
        return list;
    }

    /// <summary>Pushes one blob: HEAD 404, POST 202, PATCH 202, PUT 201.</summary>
    public static List<Exchange> PushBlob(ref long id, ref double at, string digest, string body, string uploadId)
    {
        var auth = ("Authorization", "Bearer " + Secrets.Jwt);
        var location = $"{Registry}/v2/{Repo}/blobs/uploads/{uploadId}?_state=st-{uploadId}";
        var list = new List<Exchange>
        {
            X.Ex(id++, "HEAD", $"{Registry}/v2/{Repo}/blobs/{digest}", 404, atMs: at, request: [auth]),
            X.Ex(id++, "POST", $"{Registry}/v2/{Repo}/blobs/uploads/", 202, atMs: at + 10, request: [auth],
                response: [("Location", location), ("Docker-Upload-UUID", uploadId), ("Range", "0-0")]),
            X.Ex(id++, "PATCH", location, 202, atMs: at + 20, durationMs: 100, request: [auth, ("Content-Type", "application/octet-stream")],
                requestSize: body.Length, requestSha256: X.Sha256(body),
                response: [("Location", location + "2"), ("Range", $"0-{body.Length - 1}")]),
            X.Ex(id++, "PUT", location + "2&digest=" + Uri.EscapeDataString(digest), 201, atMs: at + 130, request: [auth],
                response: [("Docker-Content-Digest", digest), ("Location", $"{Registry}/v2/{Repo}/blobs/{digest}")]),
        };
        at += 150;
        return list;
    }

    public static Exchange ManifestPut(long id, double at, int status = 201, string? body = null) =>
        X.Ex(id, "PUT", $"{Registry}/v2/{Repo}/manifests/latest", status, atMs: at,
            request: [("Authorization", "Bearer " + Secrets.Jwt), ("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")],
            requestText: "{\"schemaVersion\":2}", requestContentType: "application/vnd.docker.distribution.manifest.v2+json",
            responseText: body, responseContentType: body == null ? null : "application/json");

    /// <summary>A presigned URL to the blob's data as distribution's S3 driver signs it.</summary>
    public static string Presigned(string digest, DateTimeOffset signedAt, string region = "us-east-1", int expires = 1200) =>
        $"https://bkt.s3.{region}.amazonaws.com/docker/registry/v2/blobs/sha256/{digest[7..9]}/{digest[7..]}/data" +
        $"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F{signedAt:yyyyMMdd}%2F{region}%2Fs3%2Faws4_request" +
        $"&X-Amz-Date={signedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}&X-Amz-Expires={expires}&X-Amz-SignedHeaders=host&X-Amz-Signature=0abc";
}
