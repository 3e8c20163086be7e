using RegDiag.Core.Analysis;
using RegDiag.Core.Correlation;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Model;
using RegDiag.Testing.Exchanges;
using static RegDiag.Testing.Exchanges.Scenarios;

namespace RegDiag.Core.Tests.Analysis;

public sealed class AnalyzerTests
{
    [Fact]
    public void Analyze_CleanPush_SucceedsWithoutDiagnoses()
    {
        long id = 1;
        double at = 0;
        var exchanges = Login(ref id, ref at);
        exchanges.AddRange(PushBlob(ref id, ref at, Layer, "layer-bytes", "u-1"));
        exchanges.AddRange(PushBlob(ref id, ref at, Config, "{}", "u-2"));
        exchanges.Add(ManifestPut(id++, at));

        var result = Analyzer.Analyze(exchanges);

        Assert.Empty(result.Diagnoses);
        Assert.False(result.HasErrors);
        var push = Assert.Single(result.Operations);
        Assert.Equal(OperationKind.Push, push.Kind);
        Assert.Equal(OperationOutcome.Succeeded, push.Outcome);
        Assert.Equal("latest", push.Reference);
        Assert.Equal([Layer, Config], push.Layers.Select(l => l.Digest));
        Assert.Contains(result.Exchanges.Single(e => e.Exchange.Id == 2).Index, push.Exchanges); // the token fetch joined by scope
        Assert.All(result.Uploads, u => Assert.Equal(UploadOutcome.Completed, u.Outcome));
    }

    [Fact]
    public void Analyze_S3HeadForbiddenAfterRedirect_DiagnosesMissingGetObjectWithEvidence()
    {
        long id = 1;
        double at = 0;
        var exchanges = Login(ref id, ref at);
        var signed = X.T0.AddMilliseconds(at);
        var url = Presigned(Layer, signed);
        exchanges.Add(X.Ex(id++, "HEAD", $"{Registry}/v2/{Repo}/blobs/{Layer}", 307, atMs: at,
            request: [("Authorization", "Bearer " + Secrets.Jwt)], response: [("Location", url)]));
        exchanges.Add(X.Ex(id++, "HEAD", url, 403, atMs: at + 15,
            response: [("x-amz-request-id", "REQ1"), ("Date", signed.AddSeconds(1).ToString("r"))]));

        var result = Analyzer.Analyze(exchanges);

        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal("s3-head-403-after-redirect", diagnosis.Id);
        Assert.Equal(Severity.Error, diagnosis.Severity);
        Assert.Contains("s3:GetObject on arn:aws:s3:::bkt/*", diagnosis.Fix);
        Assert.Contains(diagnosis.Clients, c => c.Says.Contains("unexpected end of JSON input"));
        var evidence = Assert.Single(diagnosis.Evidence);
        Assert.Equal(5, evidence.Exchange);
        Assert.Equal([4L], evidence.Related);
        Assert.Contains("x-amz-request-id: REQ1", evidence.Headers);
        Assert.DoesNotContain("0abc", evidence.Request);
        Assert.True(result.HasErrors);
    }

    [Theory]
    [InlineData(30, 0, "us-east-1", null, "s3-presigned-url-expired")]
    [InlineData(0, 40, "us-east-1", null, "s3-clock-skew")]
    [InlineData(0, 0, "us-east-1", "eu-central-1", "s3-region-mismatch")]
    [InlineData(0, 0, "us-east-1", null, "s3-head-403-after-redirect")]
    public void Analyze_RedirectedHead403_DistinguishesTheCauseByEvidence(int usedAfterMinutes, int signerAheadMinutes, string region, string? bucketRegion, string expected)
    {
        var serverNow = X.T0.AddMinutes(usedAfterMinutes);
        var signedAt = X.T0.AddMinutes(signerAheadMinutes);
        var url = Presigned(Layer, signedAt, region);
        var response = new List<(string, string)> { ("Date", serverNow.ToString("r")) };
        if (bucketRegion != null)
        {
            response.Add(("x-amz-bucket-region", bucketRegion));
        }
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "HEAD", $"{Registry}/v2/{Repo}/blobs/{Layer}", 307, atMs: usedAfterMinutes * 60_000 - 10, response: [("Location", url)]),
            X.Ex(2, "HEAD", url, 403, atMs: usedAfterMinutes * 60_000, response: response),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.Equal(expected, Assert.Single(result.Diagnoses).Id);
    }

    [Fact]
    public void Analyze_RedirectedGet403WithAccessDeniedBody_DiagnosesTheDownloadNotTheHead()
    {
        var url = Presigned(Layer, X.T0);
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "GET", $"{Registry}/v2/{Repo}/blobs/{Layer}", 307, response: [("Location", url)]),
            X.Ex(2, "GET", url, 403, atMs: 20, response: [("Date", X.T0.AddSeconds(1).ToString("r")), ("x-amz-request-id", "G1")],
                responseText: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
                responseContentType: "application/xml"),
        };

        var diagnosis = Assert.Single(Analyzer.Analyze(exchanges).Diagnoses);

        Assert.Equal("s3-get-403-after-redirect", diagnosis.Id);
        Assert.Contains("GET 403 AccessDenied", diagnosis.Title);
        Assert.Contains(diagnosis.Clients, c => c.Says.Contains("Error fetching blob: invalid status code from registry 403 (Forbidden)"));
        Assert.Equal([1L], Assert.Single(diagnosis.Evidence).Related);
    }

    [Theory]
    [InlineData(30, 0, "s3-presigned-url-expired")]
    [InlineData(0, 40, "s3-clock-skew")]
    public void Analyze_RedirectedGet403_StillDistinguishesExpiryAndSkew(int usedAfterMinutes, int signerAheadMinutes, string expected)
    {
        var url = Presigned(Layer, X.T0.AddMinutes(signerAheadMinutes));
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "GET", $"{Registry}/v2/{Repo}/blobs/{Layer}", 307, atMs: usedAfterMinutes * 60_000 - 10, response: [("Location", url)]),
            X.Ex(2, "GET", url, 403, atMs: usedAfterMinutes * 60_000, response: [("Date", X.T0.AddMinutes(usedAfterMinutes).ToString("r"))],
                responseText: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", responseContentType: "application/xml"),
        };

        Assert.Equal(expected, Assert.Single(Analyzer.Analyze(exchanges).Diagnoses).Id);
    }

    [Fact]
    public void Analyze_RegistrysNoSuchKeyLookupDuringAPush_IsNotFlagged()
    {
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "HEAD", $"{Registry}/v2/{Repo}/blobs/{Layer}", 404, durationMs: 100, client: "10.0.0.5:4242"),
            X.Ex(2, "GET", $"http://s3.test:9000/bkt/docker/registry/v2/repositories/{Repo}/_layers/sha256/{Layer[7..]}/link", 404, atMs: 20,
                request: [("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAREGISTRY000000000/20261128/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ff")],
                responseText: NoSuchKey, responseContentType: "application/xml", client: "10.0.0.9:5000"),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.Empty(result.Diagnoses);
        Assert.Equal(result.Exchanges[0].Index, result.Exchanges[1].ServedRequest);
    }

    [Fact]
    public void Analyze_RegistrysNoSuchKeyBehindAServerError_IsTheCause()
    {
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "GET", $"{Registry}/v2/{Repo}/manifests/latest", 500, durationMs: 100,
                responseText: RegistryError("UNKNOWN", "unknown error"), responseContentType: "application/json", client: "10.0.0.5:4242"),
            X.Ex(2, "GET", $"http://s3.test:9000/bkt/docker/registry/v2/blobs/sha256/{Layer[7..9]}/{Layer[7..]}/data", 404, atMs: 20,
                request: [("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAREGISTRY000000000/20261128/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ff")],
                responseText: NoSuchKey, responseContentType: "application/xml", client: "10.0.0.9:5000"),
        };

        var result = Analyzer.Analyze(exchanges);

        var read = result.Diagnoses.Single(d => d.Id == "s3-no-such-key-registry-read");
        Assert.Contains("500", read.Title);
        Assert.Contains("#1 GET", read.Cause);
        var behind = result.Diagnoses.Single(d => d.Id == "registry-error-storage-behind");
        Assert.Contains("NoSuchKey", behind.Title);
    }

    [Fact]
    public void Analyze_ClientFollowsRedirectToMissingBlob_FlagsNoSuchKey()
    {
        var url = Presigned(Layer, X.T0);
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "GET", $"{Registry}/v2/{Repo}/blobs/{Layer}", 307, response: [("Location", url)]),
            X.Ex(2, "GET", url, 404, atMs: 20, responseText: NoSuchKey, responseContentType: "application/xml"),
        };

        Assert.Equal("s3-no-such-key", Assert.Single(Analyzer.Analyze(exchanges).Diagnoses).Id);
    }

    private const string NoSuchKey =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>";

    [Fact]
    public void Analyze_BareUnknownWithRegistrysFailedS3CallBehind_ExplainsItByTheStorageError()
    {
        long id = 1;
        double at = 0;
        var exchanges = Login(ref id, ref at);
        var put = X.Ex(id++, "PUT", $"{Registry}/v2/{Repo}/blobs/uploads/u-9?_state=s&digest={Uri.EscapeDataString(Layer)}", 500, atMs: at, durationMs: 200,
            request: [("Authorization", "Bearer " + Secrets.Jwt)],
            responseText: RegistryError("UNKNOWN", "unknown error"), responseContentType: "application/json", client: "10.0.0.5:4242");
        var s3 = X.Ex(id++, "PUT", $"http://s3.test:9000/bkt/docker/registry/v2/repositories/{Repo}/_uploads/u-9/data", 403, atMs: at + 50, durationMs: 20,
            request: [("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAOLDKEY0000000000/20261128/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ff")],
            response: [("x-amz-request-id", "R2")],
            responseText: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>",
            responseContentType: "application/xml", client: "10.0.0.9:5000");
        exchanges.Add(put);
        exchanges.Add(s3);

        var result = Analyzer.Analyze(exchanges);

        var behind = result.Diagnoses.Single(d => d.Id == "registry-error-storage-behind");
        Assert.Contains("InvalidAccessKeyId", behind.Title);
        Assert.Equal([s3.Id], behind.Evidence[0].Related);
        Assert.Contains(result.Diagnoses, d => d.Id == "s3-invalid-access-key");
        var client = result.Exchanges.Single(e => e.Exchange.Id == put.Id);
        Assert.Equal([result.Exchanges.Single(e => e.Exchange.Id == s3.Id).Index], client.StorageCalls);
    }

    [Fact]
    public void Analyze_DigestInvalidWithAlteredBody_ComparesAgainstTheProxysSha256()
    {
        var declared = X.Sha256("original");
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "POST", $"{Registry}/v2/{Repo}/blobs/uploads/?digest={Uri.EscapeDataString(declared)}", 400,
                requestSize: 8, requestSha256: X.Sha256("Original"),
                responseText: RegistryError("DIGEST_INVALID", "provided digest did not match uploaded content"), responseContentType: "application/json"),
        };

        var diagnosis = Assert.Single(Analyzer.Analyze(exchanges).Diagnoses);

        Assert.Equal("digest-invalid-altered-in-transit", diagnosis.Id);
        Assert.Contains(declared, diagnosis.Cause);
        Assert.Contains(X.Sha256("Original"), diagnosis.Cause);
    }

    [Fact]
    public void Analyze_TokenExpiresDuringLongPush_SaysSo()
    {
        var token = "Bearer " + Secrets.MakeJwt(X.T0, X.T0.AddMinutes(5));
        var upload = $"{Registry}/v2/{Repo}/blobs/uploads/u-1?_state=s";
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "POST", $"{Registry}/v2/{Repo}/blobs/uploads/", 202, atMs: 1000, request: [("Authorization", token)], response: [("Location", upload)]),
            X.Ex(2, "PATCH", upload, 202, atMs: 2000, durationMs: 290_000, request: [("Authorization", token)], requestSize: 900_000_000),
            X.Ex(3, "PUT", upload + "&digest=" + Uri.EscapeDataString(Layer), 401, atMs: 305_000, request: [("Authorization", token)],
                response: [("WWW-Authenticate", Challenge + ",error=\"invalid_token\"")],
                responseText: RegistryError("UNAUTHORIZED", "authentication required"), responseContentType: "application/json"),
        };

        var diagnosis = Analyzer.Analyze(exchanges).Diagnoses[0];

        Assert.Equal("auth-token-expired-mid-push", diagnosis.Id);
        Assert.Contains("5 min 0 s", diagnosis.Cause);
        Assert.Equal([1L], diagnosis.Evidence[0].Related);
    }

    [Fact]
    public void Analyze_InsufficientScope_BeatsTheGenericUnauthorized()
    {
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "POST", $"{Registry}/v2/{Repo}/blobs/uploads/", 401, request: [("Authorization", "Bearer " + Secrets.Jwt)],
                response: [("WWW-Authenticate", Challenge + ",scope=\"repository:" + Repo + ":push,pull\",error=\"insufficient_scope\"")],
                responseText: RegistryError("UNAUTHORIZED", "authentication required"), responseContentType: "application/json"),
        };

        var diagnosis = Assert.Single(Analyzer.Analyze(exchanges).Diagnoses);

        Assert.Equal("auth-insufficient-scope", diagnosis.Id);
        Assert.Contains("repository:" + Repo + ":push,pull", diagnosis.Cause);
    }

    [Fact]
    public void Analyze_ExistenceCheck503ThenRetryAnswered404_IsOnlyAWarning()
    {
        var url = $"{Registry}/v2/{Repo}/blobs/{Layer}";
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "HEAD", url, 503),
            X.Ex(2, "HEAD", url, 404, atMs: 300),
        };

        var result = Analyzer.Analyze(exchanges);

        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal(Severity.Warning, diagnosis.Severity);
        Assert.True(diagnosis.Recovered);
        Assert.Equal(0, result.Exchanges[1].RetryOf);
    }

    [Fact]
    public void Analyze_ServerErrorRecoveredByRetry_IsOnlyAWarning()
    {
        var url = $"{Registry}/v2/{Repo}/manifests/latest";
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "GET", url, 500, responseText: RegistryError("UNKNOWN", "unknown error"), responseContentType: "application/json"),
            X.Ex(2, "GET", url, 200, atMs: 1000, responseText: "{}", responseContentType: "application/vnd.oci.image.manifest.v1+json"),
        };

        var result = Analyzer.Analyze(exchanges);

        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal(Severity.Warning, diagnosis.Severity);
        Assert.True(diagnosis.Recovered);
        Assert.False(result.HasErrors);
        Assert.Equal(0, result.Exchanges[1].RetryOf);
    }

    [Fact]
    public void Analyze_TransportErrorsRecordedByTheProxy_AreDiagnosed()
    {
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "CONNECT", "https://registry.test:443/", null, error: new ExchangeError(ExchangeErrorKind.ClientTlsHandshake, "client closed the TLS handshake: unknown CA")),
            X.Ex(2, "GET", $"{Registry}/v2/", null, atMs: 5, error: new ExchangeError(ExchangeErrorKind.UpstreamReset, "connection reset by peer")),
        };

        var ids = Analyzer.Analyze(exchanges).Diagnoses.Select(d => d.Id).ToList();

        Assert.Equal(["client-rejected-proxy-certificate", "upstream-reset"], ids);
    }
}
