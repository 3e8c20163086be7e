using RegDiag.Core.Analysis;
using RegDiag.Core.Correlation;
using RegDiag.Core.Model;
using RegDiag.Testing.Exchanges;
using static RegDiag.Testing.Exchanges.Scenarios;

namespace RegDiag.Core.Tests.Correlation;

public sealed class CorrelatorTests
{
    [Fact]
    public void Analyze_ChallengeTokenRetry_LinksTheTokenFetchAndTheRetry()
    {
        var url = $"{Registry}/v2/{Repo}/manifests/latest";
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "GET", url, 401, response: [("WWW-Authenticate", Challenge)]),
            X.Ex(2, "GET", Realm + "?scope=repository%3Agrp%2Fproj%2Fapp%3Apull&service=registry.test", 200, atMs: 20,
                responseText: $"{{\"token\":\"{Secrets.Jwt}\"}}", responseContentType: "application/json"),
            X.Ex(3, "GET", url, 200, atMs: 40, request: [("Authorization", "Bearer " + Secrets.Jwt)]),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.Equal(0, result.Exchanges[1].TokenFor);
        Assert.Equal(0, result.Exchanges[2].AuthRetryOf);
        Assert.Null(result.Exchanges[2].RetryOf);
        Assert.Empty(result.Diagnoses);
    }

    [Fact]
    public void Analyze_ManyLoginsToTheSameUrl_EachRetryLinkedToItsOwnChallenge()
    {
        // Every push pings /v2/: the retry after each token fetch is the next ping, not an earlier one.
        var exchanges = new List<Exchange>();
        for (var i = 0; i < 300; i++)
        {
            var at = i * 100;
            exchanges.Add(X.Ex(exchanges.Count + 1, "GET", Registry + "/v2/", 401, atMs: at, response: [("WWW-Authenticate", Challenge)]));
            exchanges.Add(X.Ex(exchanges.Count + 1, "GET", Realm + "?service=registry.test", 200, atMs: at + 20));
            exchanges.Add(X.Ex(exchanges.Count + 1, "GET", Registry + "/v2/", 200, atMs: at + 40, request: [("Authorization", "Bearer " + Secrets.Jwt)]));
        }

        var result = Analyzer.Analyze(exchanges);

        Assert.All(Enumerable.Range(0, 300), i =>
        {
            Assert.Equal(3 * i, result.Exchanges[3 * i + 1].TokenFor);
            Assert.Equal(3 * i, result.Exchanges[3 * i + 2].AuthRetryOf);
        });
    }

    [Theory]
    [InlineData(new int[0], 5, 0)]
    [InlineData(new[] { 1, 4, 9 }, 0, 0)]
    [InlineData(new[] { 1, 4, 9 }, 4, 2)]
    [InlineData(new[] { 1, 4, 9 }, 5, 2)]
    [InlineData(new[] { 1, 4, 9 }, 9, 3)]
    public void FirstAfter_SortedIndexes_PositionOfTheFirstGreater(int[] indexes, int index, int expected) =>
        Assert.Equal(expected, Correlator.FirstAfter([.. indexes], index));

    [Fact]
    public void Analyze_RedirectAcrossHosts_LinksOnlyTheSameClientsFollowUp()
    {
        var s3 = Presigned(Layer, X.T0);
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "GET", $"{Registry}/v2/{Repo}/blobs/{Layer}", 307, response: [("Location", s3)], client: "10.0.0.1:1000"),
            X.Ex(2, "GET", s3, 200, atMs: 5, client: "10.0.0.2:2000"),
            X.Ex(3, "GET", s3, 200, atMs: 10, client: "10.0.0.1:1001"),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.Equal(2, result.Exchanges[0].RedirectedTo);
        Assert.Null(result.Exchanges[1].RedirectedFrom);
        Assert.Equal(0, result.Exchanges[2].RedirectedFrom);
        var pull = Assert.Single(result.Operations);
        Assert.Equal(OperationKind.Pull, pull.Kind);
        Assert.Equal([0, 2], Assert.Single(pull.Layers).Exchanges);
    }

    [Fact]
    public void Analyze_ChunkedUploadWithARetriedChunk_OneSessionCompletedAndTheRetryMarked()
    {
        var location = $"{Registry}/v2/{Repo}/blobs/uploads/sess-1?_state=a";
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "POST", $"{Registry}/v2/{Repo}/blobs/uploads/", 202, response: [("Location", location), ("Docker-Upload-UUID", "sess-1")]),
            X.Ex(2, "PATCH", location, 500, atMs: 10, requestSize: 100),
            X.Ex(3, "PATCH", location, 202, atMs: 20, requestSize: 100),
            X.Ex(4, "PUT", location + "&digest=" + Uri.EscapeDataString(Layer), 201, atMs: 30),
            ManifestPut(5, 40),
        };

        var result = Analyzer.Analyze(exchanges);

        var session = Assert.Single(result.Uploads);
        Assert.Equal("sess-1", session.Id);
        Assert.Equal([0, 1, 2, 3], session.Exchanges);
        Assert.Equal(UploadOutcome.Completed, session.Outcome);
        Assert.Equal(Layer, session.Digest);
        Assert.Equal(200, session.BytesSent);
        Assert.Equal(1, result.Exchanges[2].RetryOf);
        var push = Assert.Single(result.Operations);
        Assert.Equal(OperationOutcome.Succeeded, push.Outcome);
        Assert.Equal(Layer, Assert.Single(push.Layers).Digest);
        Assert.True(Assert.Single(result.Diagnoses).Recovered);
    }

    [Fact]
    public void Analyze_StorageCallOfAnotherRepository_NotLinkedToTheOverlappingRequest()
    {
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "GET", $"{Registry}/v2/{Repo}/manifests/latest", 500, durationMs: 100),
            X.Ex(2, "GET", "http://s3.test:9000/bkt/docker/registry/v2/repositories/other/app/_manifests/tags/latest/current/link", 403, atMs: 10,
                request: [("Authorization", "AWS4-HMAC-SHA256 Credential=K/20261128/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")]),
            X.Ex(3, "GET", $"http://s3.test:9000/bkt/docker/registry/v2/repositories/{Repo}/_manifests/tags/latest/current/link", 403, atMs: 20,
                request: [("Authorization", "AWS4-HMAC-SHA256 Credential=K/20261128/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")]),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.Null(result.Exchanges[1].ServedRequest);
        Assert.Equal(0, result.Exchanges[2].ServedRequest);
        Assert.Equal([2], result.Exchanges[0].StorageCalls);
    }

    [Fact]
    public void Analyze_StorageCallJustBeforeTheNextRetryStarts_LinkedToTheRequestAlreadyOpen()
    {
        // A client's slow HEAD is still open when its repeat starts a few ms after the registry's lookup:
        // both name the same key; the lookup belongs to the request that was already waiting for it.
        var link = $"http://s3.test:9000/bkt/docker/registry/v2/repositories/{Repo}/_layers/sha256/{Layer[7..]}/link";
        var exchanges = new List<Exchange>
        {
            X.Ex(1, "HEAD", $"{Registry}/v2/{Repo}/blobs/{Layer}", 404, durationMs: 1600),
            X.Ex(2, "GET", link, 404, atMs: 1535, durationMs: 3,
                request: [("Authorization", "AWS4-HMAC-SHA256 Credential=K/20261128/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")]),
            X.Ex(3, "HEAD", $"{Registry}/v2/{Repo}/blobs/{Layer}", 404, atMs: 1585, durationMs: 1500),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.Equal(0, result.Exchanges[1].ServedRequest);
        Assert.Equal([1], result.Exchanges[0].StorageCalls);
        Assert.Empty(result.Exchanges[2].StorageCalls);
    }
}
