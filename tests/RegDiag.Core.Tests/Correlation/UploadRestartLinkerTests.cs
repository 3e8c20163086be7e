using RegDiag.Core.Analysis;
using RegDiag.Core.Correlation;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;
using RegDiag.Core.Timeline;
using RegDiag.Testing.Exchanges;
using static RegDiag.Testing.Exchanges.Scenarios;

namespace RegDiag.Core.Tests.Correlation;

/// <summary>
/// A blob upload that failed and was started again from its POST, as docker, containerd, skopeo and doctor's
/// probe do. The sequences are those recorded from doctor's probe push against `regdiag lab --scenario flaky`
/// (4096-byte blob: POST 202, one PATCH, PUT ?digest=; a 2 MiB upload in parallel).
/// </summary>
public sealed class UploadRestartLinkerTests
{
    private const string Blob = "probe blob bytes";
    private static readonly string BlobDigest = X.Sha256(Blob);
    private const string Other = "other layer bytes";
    private static readonly string OtherDigest = X.Sha256(Other);

    [Fact]
    public void Analyze_PutFailedThenUploadRestartedAndCompleted_FailedPutRecoveredAndItsDiagnosisAWarning()
    {
        long id = 1;
        double at = 0;
        var exchanges = new List<Exchange>();
        exchanges.AddRange(Upload(ref id, ref at, "u1", Blob, BlobDigest, putStatus: 503));
        exchanges.AddRange(Upload(ref id, ref at, "u2", Blob, BlobDigest));
        exchanges.Add(ManifestPut(id, at));

        var result = Analyzer.Analyze(exchanges);

        Assert.Equal(2, result.Exchanges[5].RetryOf);
        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal("registry-unavailable", diagnosis.Id);
        Assert.Equal(Severity.Warning, diagnosis.Severity);
        Assert.True(diagnosis.Recovered);
        Assert.Equal(OperationOutcome.Succeeded, Assert.Single(result.Operations).Outcome);
        var rows = TimelineBuilder.Build(result, Redactor.Default).SelectMany(s => s.Lanes).SelectMany(l => l.Rows).ToList();
        var restartedPut = Assert.Single(rows, r => r.Exchange == 6);
        Assert.True(restartedPut.Marks.HasFlag(RowMarks.Retry));
        Assert.Equal("retry of #3", restartedPut.Note);
    }

    [Fact]
    public void Analyze_PatchFailedAndItsBodyHashIsTheCompletedDigest_Recovered()
    {
        long id = 1;
        double at = 0;
        var exchanges = new List<Exchange>();
        exchanges.AddRange(Upload(ref id, ref at, "u1", Blob, BlobDigest, patchStatus: 500));
        exchanges.AddRange(Upload(ref id, ref at, "u2", Blob, BlobDigest));

        var result = Analyzer.Analyze(exchanges);

        Assert.Equal(UploadOutcome.Failed, result.Uploads[0].Outcome);
        Assert.Null(result.Uploads[0].Digest);
        Assert.Equal(1, result.Exchanges[3].RetryOf);
        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal(Severity.Warning, diagnosis.Severity);
        Assert.True(diagnosis.Recovered);
    }

    [Fact]
    public void Analyze_ThreeFailedAttemptsThenOneCompleted_EveryFailedStepRecovered()
    {
        // Recorded: PATCH 503, PATCH 503, PUT 500, then POST, PATCH, PUT 201.
        long id = 1;
        double at = 0;
        var exchanges = new List<Exchange>();
        exchanges.AddRange(Upload(ref id, ref at, "u1", Blob, BlobDigest, patchStatus: 503));
        exchanges.AddRange(Upload(ref id, ref at, "u2", Blob, BlobDigest, patchStatus: 503));
        exchanges.AddRange(Upload(ref id, ref at, "u3", Blob, BlobDigest, putStatus: 500));
        exchanges.AddRange(Upload(ref id, ref at, "u4", Blob, BlobDigest));

        var result = Analyzer.Analyze(exchanges);

        Assert.Equal(1, result.Exchanges[3].RetryOf);
        Assert.Equal(3, result.Exchanges[5].RetryOf);
        Assert.Equal(6, result.Exchanges[9].RetryOf);
        Assert.Equal(2, result.Diagnoses.Count);
        Assert.All(result.Diagnoses, d => Assert.True(d.Recovered && d.Severity == Severity.Warning, d.Id));
    }

    [Fact]
    public void Analyze_RestartWhosePostIsAlreadyARetry_TheCompletedUploadCarriesTheLink()
    {
        // Recorded (lab flaky, seed 22): PUT 503; POST 503; POST 202 (retry of that POST), PATCH 503; then a
        // complete upload. The middle attempt has no PUT and its POST is taken: the completed PUT carries the link.
        var first = $"{Registry}/v2/{Repo}/blobs/uploads/u1?_state=a";
        var second = $"{Registry}/v2/{Repo}/blobs/uploads/u2?_state=a";
        var third = $"{Registry}/v2/{Repo}/blobs/uploads/u3?_state=a";
        var exchanges = new List<Exchange>
        {
            Post(1, 0, first, "u1"),
            X.Ex(2, "PATCH", first, 202, atMs: 10, requestSize: Blob.Length, requestSha256: BlobDigest),
            X.Ex(3, "PUT", first + "&digest=" + Uri.EscapeDataString(BlobDigest), 503, atMs: 20,
                responseText: ErrorBody(503), responseContentType: "application/json"),
            X.Ex(4, "POST", $"{Registry}/v2/{Repo}/blobs/uploads/", 503, atMs: 30,
                responseText: ErrorBody(503), responseContentType: "application/json"),
            Post(5, 40, second, "u2"),
            X.Ex(6, "PATCH", second, 503, atMs: 50, requestSize: Blob.Length, requestSha256: BlobDigest,
                responseText: ErrorBody(503), responseContentType: "application/json"),
            Post(7, 60, third, "u3"),
            X.Ex(8, "PATCH", third, 202, atMs: 70, requestSize: Blob.Length, requestSha256: BlobDigest),
            X.Ex(9, "PUT", third + "&digest=" + Uri.EscapeDataString(BlobDigest), 201, atMs: 80),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.Equal(3, result.Exchanges[4].RetryOf);
        Assert.Equal(5, result.Exchanges[7].RetryOf);
        Assert.Equal(2, result.Exchanges[8].RetryOf);
        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal(3, diagnosis.Count);
        Assert.Equal(Severity.Warning, diagnosis.Severity);
    }

    [Fact]
    public void Analyze_FailedUploadNeverStartedAgain_StaysAnError()
    {
        long id = 1;
        double at = 0;
        var exchanges = new List<Exchange>();
        exchanges.AddRange(Upload(ref id, ref at, "u1", Blob, BlobDigest, putStatus: 503));

        var result = Analyzer.Analyze(exchanges);

        Assert.All(result.Exchanges, e => Assert.Null(e.RetryOf));
        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal(Severity.Error, diagnosis.Severity);
        Assert.False(diagnosis.Recovered);
    }

    [Fact]
    public void Analyze_OtherLayerFailsWhileOneCompletes_NotLinked()
    {
        // Two layers in parallel: the other layer's PATCH fails, then this layer's upload completes.
        var otherLocation = $"{Registry}/v2/{Repo}/blobs/uploads/u-other?_state=a";
        var location = $"{Registry}/v2/{Repo}/blobs/uploads/u-blob?_state=a";
        var exchanges = new List<Exchange>
        {
            Post(1, 0, otherLocation, "u-other"),
            X.Ex(2, "PATCH", otherLocation, 500, atMs: 10, requestSize: Other.Length, requestSha256: OtherDigest,
                responseText: RegistryError("UNKNOWN", "unknown error"), responseContentType: "application/json"),
            Post(3, 20, location, "u-blob"),
            X.Ex(4, "PATCH", location, 202, atMs: 30, requestSize: Blob.Length, requestSha256: BlobDigest),
            X.Ex(5, "PUT", location + "&digest=" + Uri.EscapeDataString(BlobDigest), 201, atMs: 40),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.All(result.Exchanges, e => Assert.Null(e.RetryOf));
        Assert.Equal(Severity.Error, Assert.Single(result.Diagnoses).Severity);
    }

    [Fact]
    public void Analyze_LaterUploadStartedBeforeTheFailure_NotARestart()
    {
        var first = $"{Registry}/v2/{Repo}/blobs/uploads/u1?_state=a";
        var second = $"{Registry}/v2/{Repo}/blobs/uploads/u2?_state=a";
        var exchanges = new List<Exchange>
        {
            Post(1, 0, first, "u1"),
            Post(2, 5, second, "u2"),
            X.Ex(3, "PUT", first + "&digest=" + Uri.EscapeDataString(BlobDigest), 500, atMs: 10, requestSize: Blob.Length),
            X.Ex(4, "PUT", second + "&digest=" + Uri.EscapeDataString(BlobDigest), 201, atMs: 20, requestSize: Blob.Length),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.All(result.Exchanges, e => Assert.Null(e.RetryOf));
    }

    [Theory]
    [InlineData("10.0.0.2:5000", Repo)]
    [InlineData("127.0.0.1:40000", "grp/proj/other")]
    public void Analyze_RestartByAnotherClientOrRepository_NotLinked(string client, string repository)
    {
        long id = 1;
        double at = 0;
        var exchanges = new List<Exchange>();
        exchanges.AddRange(Upload(ref id, ref at, "u1", Blob, BlobDigest, putStatus: 503));
        exchanges.AddRange(Upload(ref id, ref at, "u2", Blob, BlobDigest, client: client, repository: repository));

        var result = Analyzer.Analyze(exchanges);

        Assert.All(result.Exchanges, e => Assert.Null(e.RetryOf));
        Assert.Equal(Severity.Error, Assert.Single(result.Diagnoses).Severity);
    }

    [Fact]
    public void Analyze_RestartAfterTheRetryWindow_NotLinked()
    {
        long id = 1;
        double at = 0;
        var exchanges = new List<Exchange>();
        exchanges.AddRange(Upload(ref id, ref at, "u1", Blob, BlobDigest, patchStatus: 500));
        at += RetryLinker.Window.TotalMilliseconds;
        exchanges.AddRange(Upload(ref id, ref at, "u2", Blob, BlobDigest));

        var result = Analyzer.Analyze(exchanges);

        Assert.All(result.Exchanges, e => Assert.Null(e.RetryOf));
    }

    [Fact]
    public void Analyze_NoBodyHashesAndTheSameSize_RecoveredByTheByteCount()
    {
        // A HAR from a browser: sizes, no hashes; the failed PATCH's digest is unknown.
        long id = 1;
        double at = 0;
        var exchanges = new List<Exchange>();
        exchanges.AddRange(Upload(ref id, ref at, "u1", Blob, BlobDigest, patchStatus: 500, hashes: false));
        exchanges.AddRange(Upload(ref id, ref at, "u2", Blob, BlobDigest, hashes: false));

        var result = Analyzer.Analyze(exchanges);

        Assert.Equal(1, result.Exchanges[3].RetryOf);
        Assert.True(Assert.Single(result.Diagnoses).Recovered);
    }

    [Fact]
    public void Analyze_NoBodyHashesAndAnotherUploadOfTheSameSizeInFlight_NotLinked()
    {
        var failed = $"{Registry}/v2/{Repo}/blobs/uploads/u1?_state=a";
        var parallel = $"{Registry}/v2/{Repo}/blobs/uploads/u2?_state=a";
        var restart = $"{Registry}/v2/{Repo}/blobs/uploads/u3?_state=a";
        var exchanges = new List<Exchange>
        {
            Post(1, 0, failed, "u1"),
            Post(2, 5, parallel, "u2"),
            X.Ex(3, "PATCH", failed, 500, atMs: 10, requestSize: 100),
            X.Ex(4, "PATCH", parallel, 202, atMs: 12, durationMs: 20, requestSize: 100),
            X.Ex(5, "PUT", parallel + "&digest=" + Uri.EscapeDataString(OtherDigest), 201, atMs: 40),
            Post(6, 50, restart, "u3"),
            X.Ex(7, "PATCH", restart, 202, atMs: 60, requestSize: 100),
            X.Ex(8, "PUT", restart + "&digest=" + Uri.EscapeDataString(BlobDigest), 201, atMs: 70),
        };

        var result = Analyzer.Analyze(exchanges);

        Assert.All(result.Exchanges, e => Assert.Null(e.RetryOf));
        Assert.Equal(Severity.Error, Assert.Single(result.Diagnoses).Severity);
    }

    [Fact]
    public void Analyze_NoBodyHashesAndTwoCompletedUploadsOfThatSize_NotLinked()
    {
        long id = 1;
        double at = 0;
        var exchanges = new List<Exchange>();
        exchanges.AddRange(Upload(ref id, ref at, "u1", Blob, BlobDigest, patchStatus: 500, hashes: false));
        exchanges.AddRange(Upload(ref id, ref at, "u2", Blob, BlobDigest, hashes: false));
        exchanges.AddRange(Upload(ref id, ref at, "u3", Blob.ToUpperInvariant(), X.Sha256(Blob.ToUpperInvariant()), hashes: false));

        var result = Analyzer.Analyze(exchanges);

        Assert.All(result.Exchanges, e => Assert.Null(e.RetryOf));
    }

    [Fact]
    public void Analyze_FailedChunkedUploadWithoutDigest_NotLinkedBySize()
    {
        // Chunks are hashed one by one: no hash names the layer, and the hashes say this is not a hash-less capture.
        var failed = $"{Registry}/v2/{Repo}/blobs/uploads/u1?_state=a";
        var exchanges = new List<Exchange>
        {
            Post(1, 0, failed, "u1"),
            X.Ex(2, "PATCH", failed, 202, atMs: 10, requestSize: 8, requestSha256: X.Sha256("probe bl")),
            X.Ex(3, "PATCH", failed, 500, atMs: 20, requestSize: 8, requestSha256: X.Sha256("ob bytes"),
                responseText: ErrorBody(500), responseContentType: "application/json"),
        };
        long id = 4;
        double at = 100;
        exchanges.AddRange(Upload(ref id, ref at, "u2", Blob, BlobDigest));

        var result = Analyzer.Analyze(exchanges);

        Assert.All(result.Exchanges, e => Assert.Null(e.RetryOf));
    }

    /// <summary>POST 202, PATCH with the whole body, PUT ?digest= (as doctor's probe and skopeo upload a blob).</summary>
    private static List<Exchange> Upload(
        ref long id, ref double at, string uploadId, string body, string digest, int patchStatus = 202, int? putStatus = 201,
        bool hashes = true, string client = "127.0.0.1:40000", string repository = Repo)
    {
        var location = $"{Registry}/v2/{repository}/blobs/uploads/{uploadId}?_state=a";
        var list = new List<Exchange>
        {
            X.Ex(id++, "POST", $"{Registry}/v2/{repository}/blobs/uploads/", 202, atMs: at, client: client,
                response: [("Location", location), ("Docker-Upload-UUID", uploadId)]),
            X.Ex(id++, "PATCH", location, patchStatus, atMs: at + 10, client: client, requestSize: body.Length,
                requestSha256: hashes ? X.Sha256(body) : null,
                responseText: patchStatus == 202 ? null : ErrorBody(patchStatus), responseContentType: patchStatus == 202 ? null : "application/json",
                response: patchStatus == 202 ? [("Location", location + "b")] : null),
        };
        if (patchStatus == 202 && putStatus is { } put)
        {
            list.Add(X.Ex(id++, "PUT", location + "b&digest=" + Uri.EscapeDataString(digest), put, atMs: at + 20, client: client,
                responseText: put == 201 ? null : ErrorBody(put), responseContentType: put == 201 ? null : "application/json"));
        }
        at += 100;
        return list;
    }

    private static Exchange Post(long id, double at, string location, string uploadId) =>
        X.Ex(id, "POST", $"{Registry}/v2/{Repo}/blobs/uploads/", 202, atMs: at,
            response: [("Location", location), ("Docker-Upload-UUID", uploadId)]);

    private static string ErrorBody(int status) => status == 503
        ? RegistryError("UNAVAILABLE", "service unavailable")
        : RegistryError("UNKNOWN", "unknown error");
}
