using System.Text;
using RegDiag.Core.Knowledge;

namespace RegDiag.Core.Tests.Knowledge;

public sealed class KnowledgeBaseTests
{
    [Fact]
    public void Default_LoadsTheEmbeddedRowsWithUniqueIds()
    {
        var kb = KnowledgeBase.Default;

        Assert.True(kb.Signatures.Count > 60);
        Assert.Equal(kb.Signatures.Count, kb.Signatures.Select(s => s.Id).Distinct().Count());
        Assert.All(kb.Signatures.Where(s => s.Severity != Severity.Benign), s => Assert.False(string.IsNullOrWhiteSpace(s.Cause + s.Fix)));
    }

    [Theory]
    [InlineData("BLOB_UNKNOWN")]
    [InlineData("BLOB_UPLOAD_INVALID")]
    [InlineData("BLOB_UPLOAD_UNKNOWN")]
    [InlineData("DIGEST_INVALID")]
    [InlineData("MANIFEST_BLOB_UNKNOWN")]
    [InlineData("MANIFEST_INVALID")]
    [InlineData("MANIFEST_UNKNOWN")]
    [InlineData("NAME_INVALID")]
    [InlineData("NAME_UNKNOWN")]
    [InlineData("SIZE_INVALID")]
    [InlineData("UNAVAILABLE")]
    [InlineData("TAG_INVALID")]
    [InlineData("MANIFEST_UNVERIFIED")]
    [InlineData("PAGINATION_NUMBER_INVALID")]
    public void Default_EveryDistributionErrorCode_HasItsOwnRow(string code)
    {
        Assert.Contains(KnowledgeBase.Default.Signatures, s => s.Match?.RegistryCodes.Contains(code) == true);
    }

    [Theory]
    [InlineData("InvalidAccessKeyId")]
    [InlineData("SignatureDoesNotMatch")]
    [InlineData("AuthorizationHeaderMalformed")]
    [InlineData("PermanentRedirect")]
    [InlineData("NoSuchBucket")]
    [InlineData("NoSuchKey")]
    [InlineData("RequestTimeTooSkewed")]
    [InlineData("AccessDenied")]
    public void Default_EveryS3ErrorCode_HasARow(string code)
    {
        Assert.Contains(KnowledgeBase.Default.Signatures, s => s.Match?.StorageCodes.Contains(code) == true);
    }

    [Fact]
    public void Load_DuplicateId_RejectedNamingIt()
    {
        const string json = """
            [ { "id": "x", "group": "g", "severity": "Error", "title": "t", "log": ["a"] },
              { "id": "x", "group": "g", "severity": "Error", "title": "u", "log": ["b"] } ]
            """;

        var error = Assert.Throws<InputException>(() => KnowledgeBase.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "kb.json"));

        Assert.Equal("kb.json: duplicate signature id \"x\"", error.Message);
    }

    [Theory]
    [InlineData("\"context\": [\"no-such-predicate\"]", "unknown context predicate \"no-such-predicate\"")]
    [InlineData("\"operations\": [\"Teleport\"]", "unknown operation \"Teleport\"")]
    [InlineData("\"status\": [\"6xx\"]", "unknown status \"6xx\"")]
    [InlineData("\"body\": \"(unclosed\"", "invalid pattern")]
    public void Load_InvalidMatch_RejectedNamingTheRow(string match, string expected)
    {
        var json = $$"""[ { "id": "bad-row", "group": "g", "severity": "Error", "title": "t", "match": { {{match}} } } ]""";

        var error = Assert.Throws<InputException>(() => KnowledgeBase.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "kb.json"));

        Assert.Contains("signature \"bad-row\"", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    // Benign lines (registry-failures §0): must never be flagged.
    [InlineData("2016-08-12_17:20:22.31891 time=\"2016-08-12T17:20:22Z\" level=warning msg=\"error authorizing context: authorization token required\" go.version=go1.6 http.request.method=GET http.request.uri=\"/v2/\"", "benign-auth-challenge")]
    [InlineData("time=\"2026-11-28T10:00:00Z\" level=error msg=\"response completed with error\" err.code=\"blob unknown\" err.message=\"blob unknown to registry\" http.request.method=HEAD http.request.uri=\"/v2/a/blobs/sha256:ab\" http.response.status=404", "benign-blob-existence-check")]
    [InlineData("time=\"2026-11-28T10:00:00Z\" level=info msg=\"response completed\" http.request.method=HEAD http.response.status=307", "benign-normal-responses")]
    // Failures.
    [InlineData("time=\"…\" level=error msg=\"response completed with error\" err.code=unknown err.detail=\"s3aws: InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.\\n\\tstatus code: 403, request id: X\" http.request.method=PUT", "s3-invalid-access-key")]
    [InlineData("{\"code\":\"UNKNOWN\",\"detail\":\"s3aws: AuthorizationHeaderMalformed: the region 'us-east-1' is wrong; expecting 'eu-central-1'\",\"error\":\"unknown: unknown error\",\"level\":\"error\"}", "s3-authorization-header-malformed")]
    [InlineData("level=error msg=\"response completed with error\" err.code=unknown err.detail=\"s3aws: ServiceUnavailable: Please reduce your request rate.\"", "registry-unknown-storage-driver")]
    [InlineData("time=\"…\" level=error msg=\"response completed with error\" err.code=\"blob unknown\" err.message=\"blob unknown to registry\" http.request.method=GET", "blob-unknown")]
    [InlineData("time=\"…\" level=warning msg=\"error authorizing context: insufficient scope\" http.request.method=POST", "auth-insufficient-scope")]
    [InlineData("level=info msg=\"token signed by untrusted key with ID: \\\"ABCD\\\"\"", "auth-untrusted-signing-key")]
    [InlineData("level=warning msg=\"No HTTP secret provided - generated random secret.\"", "http-secret-missing")]
    [InlineData("Faraday::ConnectionFailed (Failed to open TCP connection to registry.example.com:443 (Connection refused - connect(2)))", "upstream-connect-failed")]
    [InlineData("URI::InvalidURIError (query conflicts with opaque)", "rails-invalid-registry-api-url")]
    [InlineData("2026/11/28 10:00:00 [error] 12#12: *1 client intended to send too large body: 52428800 bytes", "request-entity-too-large")]
    [InlineData("level=error msg=\"health check failed\"", "registry-unavailable")]
    public void MatchLogLine_KnownLine_ReturnsItsSignature(string line, string expected)
    {
        Assert.Equal(expected, KnowledgeBase.Default.MatchLogLine(line)?.Id);
    }

    [Fact]
    public void MatchLogLine_OrdinaryLine_ReturnsNull()
    {
        Assert.Null(KnowledgeBase.Default.MatchLogLine("time=\"…\" level=info msg=\"listening on [::]:5000\""));
    }
}
