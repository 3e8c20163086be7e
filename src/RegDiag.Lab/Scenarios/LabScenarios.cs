namespace RegDiag.Lab.Scenarios;

/// <summary>
/// The catalogue of fault scenarios (`regdiag lab --list-scenarios`). Registry scenarios are injected by the
/// registry; S3 scenarios by the lab's S3 endpoint, which reads them from <see cref="ScenarioSet"/>.
/// </summary>
public static class LabScenarios
{
    public const string S3HeadForbidden = "s3-head-forbidden";
    public const string S3PutForbidden = "s3-put-forbidden";
    public const string ClockSkew = "clock-skew";
    public const string WrongRegion = "wrong-region";
    public const string BadCredentials = "bad-credentials";
    public const string TokenExpired = "token-expired";
    public const string InsufficientScope = "insufficient-scope";
    public const string GitLabNames = "gitlab-names";
    public const string BodyTooLarge = "body-too-large";
    public const string SlowStorage = "slow-storage";
    public const string Flaky = "flaky";
    public const string DebugUnhealthy = "debug-unhealthy";

    private static readonly LabScenarioDescriptor[] Catalogue =
    [
        new(S3HeadForbidden,
            "The storage identity lacks s3:GetObject: presigned HEAD and GET on the S3 endpoint answer 403 (HEAD with an empty body).",
            "Push fails after the layers were uploaded: 'trying to reuse blob … 403 (Forbidden)' (old docker: 'error parsing HTTP 403 response body: unexpected end of JSON input'); pull fails 'Error fetching blob: invalid status code from registry 403 (Forbidden)'.",
            "s3"),
        new(S3PutForbidden,
            "The storage identity lacks s3:PutObject and the multipart actions: the registry's own writes to S3 get AccessDenied.",
            "Push fails on the first layer: 'writing blob: … 500 (Internal Server Error)' with UNKNOWN; the registry log shows err.detail=\"s3aws: AccessDenied: Access Denied\".",
            "s3"),
        new(ClockSkew,
            "The S3 endpoint's clock is off by more than 15 minutes, so every signed request is RequestTimeTooSkewed.",
            "Push and pull fail with 500 UNKNOWN from the registry; its log shows 'RequestTimeTooSkewed: The difference between the request time and the current time is too large.'",
            "s3"),
        new(WrongRegion,
            "The registry signs for a region the bucket is not in: S3 answers AuthorizationHeaderMalformed naming the expected region.",
            "Push and pull fail with 500 UNKNOWN; the registry log shows 'AuthorizationHeaderMalformed: … the region 'us-east-1' is wrong; expecting …'.",
            "s3"),
        new(BadCredentials,
            "The registry's S3 access key or secret is wrong: S3 answers InvalidAccessKeyId or SignatureDoesNotMatch.",
            "Every storage operation fails: 500 UNKNOWN to clients, and the debug health check turns red.",
            "s3"),
        new(TokenExpired,
            "Bearer tokens expire seconds after they are issued although the token server announces a longer lifetime, as when a push outlasts GitLab's token duration.",
            "A push that takes longer than the token fails midway: 'unauthorized: authentication required'; the registry log says 'token not to be used after …'.",
            "registry"),
        new(InsufficientScope,
            "The token server grants pull but silently drops push from the token (as GitLab does for a role without write access); a scope asking for push alone gets 403 DENIED.",
            "Pull works; push fails: 'denied: requested access to the resource is denied' / 'unauthorized: authentication required' with error=\"insufficient_scope\" in WWW-Authenticate.",
            "registry"),
        new(GitLabNames,
            "GitLab's naming rules: names with a double hyphen or double underscore, a trailing or leading separator, or more than three levels below the group are rejected with NAME_INVALID.",
            "Push to such a name fails with 'invalid repository name' (400), while the same name works on a plain registry.",
            "registry"),
        new(BodyTooLarge,
            "An nginx in front of the registry with the default client_max_body_size (1 MiB) answers 413 with its HTML page to larger request bodies.",
            "Push of a layer above the limit fails: 'writing blob: uploading layer chunked: StatusCode: 413, <html>…413 Request Entity Too Large…'.",
            "registry"),
        new(SlowStorage,
            "Every storage operation takes extra time (500 ms by default).",
            "Pushes and pulls work but slowly; timeouts in front (proxies, load balancers) may cut them off.",
            "registry"),
        new(Flaky,
            "A share (30%) of API requests fail with 500 UNKNOWN or 503 UNAVAILABLE, chosen by a seeded random generator.",
            "Pushes and pulls fail at random points: 'received unexpected HTTP status: 500 Internal Server Error' or 'invalid status code from registry 503 (Service Unavailable)'.",
            "registry"),
        new(DebugUnhealthy,
            "The storage health check fails: /debug/health answers 503 and the registry answers every request with 503 UNAVAILABLE.",
            "Everything fails from the first request: 'pinging container registry …: invalid status code from registry 503 (Service Unavailable)'.",
            "registry"),
    ];

    public static IReadOnlyList<LabScenarioDescriptor> All => Catalogue;

    public static LabScenarioDescriptor? Find(string name) =>
        Catalogue.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
}
