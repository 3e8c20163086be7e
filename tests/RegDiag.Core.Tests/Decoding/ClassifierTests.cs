using RegDiag.Core.Decoding;
using RegDiag.Core.Redaction;
using RegDiag.Testing.Exchanges;

namespace RegDiag.Core.Tests.Decoding;

public sealed class ClassifierTests
{
    private const string D = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("GET", "/v2/", Operation.Ping)]
    [InlineData("GET", "/v2/_catalog?n=100", Operation.Catalog)]
    [InlineData("GET", "/v2/grp/proj/img/tags/list?n=10&last=v1", Operation.TagsList)]
    [InlineData("HEAD", "/v2/grp/proj/img/manifests/latest", Operation.ManifestHead)]
    [InlineData("GET", "/v2/grp/proj/img/manifests/" + D, Operation.ManifestGet)]
    [InlineData("PUT", "/v2/grp/proj/img/manifests/v1.0", Operation.ManifestPut)]
    [InlineData("DELETE", "/v2/grp/proj/img/manifests/" + D, Operation.ManifestDelete)]
    [InlineData("HEAD", "/v2/grp/proj/img/blobs/" + D, Operation.BlobHead)]
    [InlineData("GET", "/v2/library/blobs/blobs/" + D, Operation.BlobGet)]
    [InlineData("DELETE", "/v2/a/blobs/" + D, Operation.BlobDelete)]
    [InlineData("POST", "/v2/grp/proj/img/blobs/uploads/", Operation.UploadStart)]
    [InlineData("POST", "/v2/a/blobs/uploads/?digest=" + D, Operation.UploadMonolithic)]
    [InlineData("POST", "/v2/a/blobs/uploads/?mount=" + D + "&from=b/c", Operation.UploadMount)]
    [InlineData("PATCH", "/v2/grp/proj/img/blobs/uploads/6b4a-11ef?_state=abc", Operation.UploadChunk)]
    [InlineData("PUT", "/v2/a/blobs/uploads/6b4a-11ef?_state=abc&digest=" + D, Operation.UploadComplete)]
    [InlineData("GET", "/v2/a/blobs/uploads/6b4a-11ef", Operation.UploadStatus)]
    [InlineData("DELETE", "/v2/a/blobs/uploads/6b4a-11ef", Operation.UploadCancel)]
    [InlineData("GET", "/v2/a/referrers/" + D + "?artifactType=x", Operation.Referrers)]
    public void Classify_RegistryEndpoint_NamesTheOperation(string method, string path, Operation expected)
    {
        var result = new Classifier().Classify(X.Ex(1, method, "https://registry.test:5000" + path, 200));

        Assert.Equal(HostKind.Registry, result.Kind);
        Assert.Equal(expected, result.Operation);
    }

    [Fact]
    public void Classify_UploadChunk_TakesRepositoryAndUploadIdFromAMultiLevelPath()
    {
        var result = new Classifier().Classify(X.Ex(1, "PUT",
            "https://registry.test/v2/grp/sub/proj/img/blobs/uploads/f00d-1?_state=x&digest=sha256%3A" + D[7..], 201));

        Assert.Equal("grp/sub/proj/img", result.Registry!.Repository);
        Assert.Equal("f00d-1", result.Registry.UploadId);
        Assert.Equal(D, result.Registry.Digest);
    }

    [Theory]
    [InlineData("HEAD", "https://bkt.s3.eu-central-1.amazonaws.com/docker/registry/v2/blobs/sha256/01/x/data?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAX%2F20261128%2Feu-central-1%2Fs3%2Faws4_request&X-Amz-Date=20261128T100000Z&X-Amz-Expires=1200&X-Amz-SignedHeaders=host&X-Amz-Signature=ab", StorageProvider.S3, Operation.HeadObject)]
    [InlineData("GET", "http://s3.test:9000/bkt/docker/registry/v2/blobs/sha256/01/x/data?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=K%2F20261128%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261128T100000Z&X-Amz-Expires=1200&X-Amz-Signature=ab", StorageProvider.S3Compatible, Operation.GetObject)]
    [InlineData("GET", "https://storage.googleapis.com/bkt/docker/x?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=a%2F20261128%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20261128T100000Z&X-Goog-Expires=1200&X-Goog-Signature=ab", StorageProvider.Gcs, Operation.GetObject)]
    [InlineData("GET", "https://acct.blob.core.windows.net/c/docker/x?sv=2022-11-02&se=2026-11-28T11%3A00%3A00Z&sr=b&sp=r&sig=ab", StorageProvider.Azure, Operation.GetObject)]
    [InlineData("GET", "https://d111.cloudfront.net/docker/x?Expires=1795861000&Signature=ab&Key-Pair-Id=K", StorageProvider.CloudFront, Operation.GetObject)]
    public void Classify_PresignedRedirectTarget_ProviderOperationAndValidity(string method, string url, StorageProvider provider, Operation operation)
    {
        var result = new Classifier().Classify(X.Ex(1, method, url, 200));

        Assert.Equal(HostKind.Storage, result.Kind);
        Assert.Equal(provider, result.Storage!.Provider);
        Assert.Equal(operation, result.Operation);
        Assert.Equal(StorageAuth.PresignedQuery, result.Storage.Auth);
        Assert.NotNull(result.Storage.ExpiresAt);
    }

    [Fact]
    public void Classify_PresignedS3_ReadsRegionExpiryAndDistributionKey()
    {
        var result = new Classifier().Classify(X.Ex(1, "HEAD", Secrets.PresignedS3, 403));

        var storage = result.Storage!;
        Assert.Equal("bucket", storage.Bucket);
        Assert.True(storage.VirtualHosted);
        Assert.Equal("us-east-1", storage.SignedRegion);
        Assert.Equal(SecretMarker.For(Secrets.AccessKeyId), storage.AccessKey);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 20, 0, TimeSpan.Zero), storage.ExpiresAt);
        Assert.Equal("blob-data", storage.Layout!.Role);
        Assert.Equal(Secrets.LayerDigest, storage.Layout.Digest);
    }

    [Theory]
    [InlineData("PUT", "?partNumber=2&uploadId=U1", Operation.UploadPart)]
    [InlineData("POST", "?uploads", Operation.CreateMultipartUpload)]
    [InlineData("POST", "?uploadId=U1", Operation.CompleteMultipartUpload)]
    [InlineData("DELETE", "?uploadId=U1", Operation.AbortMultipartUpload)]
    [InlineData("GET", "?uploadId=U1", Operation.ListParts)]
    [InlineData("PUT", "", Operation.PutObject)]
    [InlineData("DELETE", "", Operation.DeleteObject)]
    public void Classify_RegistrysOwnS3Call_NamesTheS3Operation(string method, string query, Operation expected)
    {
        var exchange = X.Ex(1, method, "http://s3.test:9000/bkt/docker/registry/v2/repositories/grp/app/_uploads/u-1/data" + query, 200,
            request: [("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00"),
                ("x-amz-date", "20261128T100000Z")]);

        var result = new Classifier().Classify(exchange);

        Assert.Equal(expected, result.Operation);
        Assert.Equal(StorageAuth.AuthorizationHeader, result.Storage!.Auth);
        Assert.Equal("upload", result.Storage.Layout!.Role);
        Assert.Equal("grp/app", result.Storage.Layout.Repository);
        Assert.Equal("u-1", result.Storage.Layout.UploadId);
    }

    [Fact]
    public void Classify_ListObjectsV2WithPrefix_ReadsTheLayoutFromThePrefix()
    {
        var exchange = X.Ex(1, "GET", "http://s3.test:9000/bkt?list-type=2&prefix=docker%2Fregistry%2Fv2%2Frepositories%2Fapp%2F_layers%2Fsha256%2F" + D[7..] + "%2Flink&max-keys=1", 200,
            request: [("Authorization", "AWS4-HMAC-SHA256 Credential=K/20261128/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")]);

        var result = new Classifier().Classify(exchange);

        Assert.Equal(Operation.ListObjectsV2, result.Operation);
        Assert.Equal("layer-link", result.Storage!.Layout!.Role);
        Assert.Equal(D, result.Storage.Layout.Digest);
    }

    [Fact]
    public void Classify_TokenFetchAfterChallenge_DecodesTheIssuedJwt()
    {
        var classifier = new Classifier();
        classifier.Classify(X.Ex(1, "GET", "https://registry.test/v2/", 401,
            response: [("WWW-Authenticate", "Bearer realm=\"https://auth.test/realm\",service=\"registry\"")]));

        var token = classifier.Classify(X.Ex(2, "GET", "https://auth.test/realm?account=alice&scope=repository%3Agrp%2Fproj%2Fapp%3Apush%2Cpull&service=registry", 200,
            responseText: $"{{\"token\":\"{Secrets.Jwt}\",\"expires_in\":300}}", responseContentType: "application/json"));
        var post = classifier.Classify(X.Ex(3, "POST", "https://auth.test/realm", 200, requestText: "client_id=docker", requestContentType: "application/x-www-form-urlencoded"));

        Assert.Equal(HostKind.Token, token.Kind);
        Assert.Equal(Operation.TokenGet, token.Operation);
        Assert.Equal("registry", token.Token!.Service);
        Assert.Equal(["repository:grp/proj/app:push,pull"], token.Token.Scopes);
        Assert.Equal("alice", token.Token.Account);
        Assert.Equal(300, token.Token.ExpiresIn);
        var issued = token.Token.Issued!;
        Assert.Equal("alice", issued.Subject);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795860300), issued.Expires);
        Assert.Equal(["push", "pull"], Assert.Single(issued.Access).Actions);
        Assert.Equal(SecretMarker.For(Secrets.Jwt), issued.Marker);
        Assert.Equal(Operation.TokenPost, post.Operation);
    }

    [Fact]
    public void Classify_GitLabJwtAuthAndRedactedBearer_DecodesClaimsFromTheRedactedToken()
    {
        var classifier = new Classifier();
        var auth = classifier.Classify(X.Ex(1, "GET", "https://gitlab.test/jwt/auth?service=container_registry&scope=repository:g/p:pull", 200));
        var redacted = Redactor.Default.Redact(X.Ex(2, "GET", "https://registry.test/v2/g/p/manifests/latest", 200,
            request: [("Authorization", "Bearer " + Secrets.Jwt)]));

        var manifest = classifier.Classify(redacted);

        Assert.Equal(Operation.GitLabJwtAuth, auth.Operation);
        Assert.Equal(SecretMarker.For(Secrets.Jwt), manifest.Bearer!.Marker);
        Assert.Equal("gitlab-issuer", manifest.Bearer.Issuer);
    }

    [Fact]
    public void Classify_ErrorBodiesAndChallenge_AreParsed()
    {
        var classifier = new Classifier();
        var registry = classifier.Classify(X.Ex(1, "POST", "https://registry.test/v2/a/blobs/uploads/", 401,
            response: [("WWW-Authenticate", "Bearer realm=\"https://auth.test/token\",service=\"r\",scope=\"repository:a:push,pull\",error=\"insufficient_scope\"")],
            responseText: "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\",\"detail\":[{\"Type\":\"repository\",\"Name\":\"a\",\"Action\":\"push\"}]}]}",
            responseContentType: "application/json"));
        var s3 = classifier.Classify(X.Ex(2, "GET", Secrets.PresignedS3, 403,
            response: [("x-amz-request-id", "R1")],
            responseText: "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>1200</X-Amz-Expires><Expires>2026-11-28T10:20:00Z</Expires><ServerTime>2026-11-28T10:31:00Z</ServerTime></Error>",
            responseContentType: "application/xml"));

        Assert.Equal("insufficient_scope", registry.Challenge!.Error);
        Assert.Equal("repository:a:push,pull", registry.Challenge.Scope);
        Assert.Equal("UNAUTHORIZED", Assert.Single(registry.Errors).Code);
        Assert.Contains("\"Action\":\"push\"", registry.Errors[0].Detail);
        Assert.Equal("AccessDenied", s3.StorageError!.Code);
        Assert.Equal("Request has expired", s3.StorageError.Message);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 31, 0, TimeSpan.Zero), s3.StorageError.ServerTime);
        Assert.Equal("R1", s3.StorageError.RequestId);
    }

    [Fact]
    public void Classify_UnsignedRedirectTarget_IsStorageOfUnknownProvider()
    {
        var classifier = new Classifier();
        classifier.Classify(X.Ex(1, "GET", "https://registry.test/v2/a/blobs/" + D, 307, response: [("Location", "https://cdn.example.test/files/abc")]));

        var result = classifier.Classify(X.Ex(2, "GET", "https://cdn.example.test/files/abc", 200));
        var other = classifier.Classify(X.Ex(3, "GET", "https://example.test/index.html", 200));

        Assert.Equal(HostKind.Storage, result.Kind);
        Assert.Equal(StorageProvider.Unknown, result.Storage!.Provider);
        Assert.Equal(HostKind.Other, other.Kind);
    }

    [Fact]
    public void ClassifyAll_WholeCapture_SameAsOneAfterAnother()
    {
        // What a realm or a redirect teaches counts only from the exchange after it, in every partition.
        var exchanges = new List<Model.Exchange>();
        for (var i = 0; i < 700; i++)
        {
            var realm = $"https://auth{i % 7}.test/token";
            var cdn = $"https://cdn.example.test/files/{i}";
            exchanges.AddRange(
            [
                X.Ex(exchanges.Count + 1, "POST", realm, 200),
                X.Ex(exchanges.Count + 2, "GET", cdn, 200),
                X.Ex(exchanges.Count + 3, "GET", "https://registry.test/v2/", 401, response: [("WWW-Authenticate", $"Bearer realm=\"{realm}\",service=\"r\"")]),
                X.Ex(exchanges.Count + 4, "POST", realm, 200),
                X.Ex(exchanges.Count + 5, "GET", "https://registry.test/v2/a/blobs/" + D, 307, request: [("Authorization", "Bearer " + Secrets.Jwt)],
                    response: [("Location", cdn)]),
                X.Ex(exchanges.Count + 6, "GET", cdn, 200),
            ]);
        }
        var sequential = new Classifier();
        var expected = exchanges.Select(sequential.Classify).ToList();

        var all = new Classifier().ClassifyAll(exchanges, exchanges.Select(e => Http.UrlParts.Parse(e.Request.Url)).ToList());

        Assert.Equal(expected.Select(Summary), all.Select(Summary));
        Assert.Equal(HostKind.Other, all[1].Kind);
        Assert.Equal(Operation.TokenPost, all[9].Operation);
        Assert.Equal(HostKind.Storage, all[11].Kind);
        Assert.Equal(HostKind.Other, all[7].Kind); // auth1 is not known yet when its first POST goes out
        Assert.Same(all[4].Bearer, all[^2].Bearer);
    }

    private static string Summary(Classification c) =>
        $"{c.Kind} {c.Operation} {c.Storage?.Provider} {c.Registry?.Repository} {c.Challenge?.Realm} {c.Bearer?.Marker}";
}
