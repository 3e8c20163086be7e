using RegDiag.Core.Analysis;
using RegDiag.Core.Model;
using RegDiag.Testing.Exchanges;

namespace RegDiag.Core.Tests.Correlation;

/// <summary>
/// Which client request a registry's own storage call served, when several requests of the same repository
/// are near it in time (timings as recorded end to end: skopeo, docker-registry 2.8 and the lab's S3 store).
/// </summary>
public sealed class StorageSideLinkerTests
{
    private const string Registry = "https://registry.test:5000";
    private const string S3 = "https://s3.test:9000/bkt/e2e/docker/registry/v2/repositories/e2e/app";
    private const string Digest = "sha256:9c8f80a0423e74fc44a25ecb500e162275df31f5f7e208f9ca67db187da9c5c3";
    private const string SigV4 = "AWS4-HMAC-SHA256 Credential=REGDIAGLAB0000/20261128/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ff";

    [Fact]
    public void Link_CallAfterAShortRequestEndedButInsideALongerOne_GoesToTheRequestStillOpen()
    {
        // The blob HEAD ended 7 ms before the upload's PutObject began; the POST it belongs to was open.
        var head = X.Ex(1, "HEAD", $"{Registry}/v2/e2e/app/blobs/{Digest}", 404, atMs: 0, durationMs: 5);
        var post = X.Ex(2, "POST", $"{Registry}/v2/e2e/app/blobs/uploads/", 500, atMs: 8, durationMs: 24,
            responseText: """{"errors":[{"code":"UNKNOWN","message":"unknown error","detail":{}}]}""", responseContentType: "application/json");
        var put = X.Ex(3, "PUT", $"{S3}/_uploads/82bae06f-3402-46ed-97ec-4d1780bd9a50/startedat", 403, atMs: 12, durationMs: 7,
            request: [("Authorization", SigV4)], responseContentType: "application/xml",
            responseText: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");

        var result = Analyzer.Analyze([head, post, put]);

        Assert.Equal(Index(result, 2), Exchange(result, 3).ServedRequest);
        Assert.Empty(Exchange(result, 1).StorageCalls);
        Assert.Contains(result.Diagnoses, d => d.Id == "registry-error-storage-behind" && d.Evidence.Any(e => e.Exchange == 2 && e.Related.Contains(3)));
    }

    [Fact]
    public void Link_CallBeforeAShorterRequestOfTheSameBlobStarted_GoesToTheRequestOpenAtTheTime()
    {
        // skopeo checks a blob twice; the registry's link lookup for the first check starts before the second does.
        var first = X.Ex(1, "HEAD", $"{Registry}/v2/e2e/app/blobs/{Digest}", 404, atMs: 0, durationMs: 16);
        var call = X.Ex(2, "GET", $"{S3}/_layers/sha256/{Digest["sha256:".Length..]}/link", 404, atMs: 4, durationMs: 10,
            request: [("Authorization", SigV4)], responseContentType: "application/xml",
            responseText: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
        var second = X.Ex(3, "HEAD", $"{Registry}/v2/e2e/app/blobs/{Digest}", 404, atMs: 23, durationMs: 5);

        var result = Analyzer.Analyze([first, call, second]);

        Assert.Equal(Index(result, 1), Exchange(result, 2).ServedRequest);
        // The registry's own 404 on a link it does not have yet is how it asks "do I have it?", not missing data.
        Assert.DoesNotContain(result.Diagnoses, d => d.Id == "s3-no-such-key");
    }

    private static Core.Correlation.AnalyzedExchange Exchange(AnalysisResult result, long id) => result.Exchanges.Single(e => e.Exchange.Id == id);

    private static int Index(AnalysisResult result, long id) => Exchange(result, id).Index;
}
