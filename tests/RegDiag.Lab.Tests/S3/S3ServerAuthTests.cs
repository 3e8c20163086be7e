using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using RegDiag.Lab.S3;

namespace RegDiag.Lab.Tests.S3;

public sealed class S3ServerAuthTests
{
    [Fact]
    public async Task SignedRequest_WrongSecret_SignatureDoesNotMatchWithStringToSign()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client(secretKey: "not-the-secret");

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = s3.Bucket }));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.StartsWith("The request signature we calculated does not match", error.Message);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task SignedRequest_UnknownAccessKey_InvalidAccessKeyId()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client(accessKey: "AKIAUNKNOWN");

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "k", ContentBody = "x" }));

        Assert.Equal("InvalidAccessKeyId", error.ErrorCode);
        Assert.Equal("The AWS Access Key Id you provided does not exist in our records.", error.Message);
    }

    [Fact]
    public async Task SignedRequest_WrongRegion_AuthorizationHeaderMalformedNamingExpectedRegion()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client(region: "us-east-1");

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = s3.Bucket }));

        Assert.Equal("AuthorizationHeaderMalformed", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'", error.Message);
    }

    [Fact]
    public async Task SignedRequest_ServerClockOffBy20Minutes_RequestTimeTooSkewed()
    {
        await using var s3 = await S3Fixture.StartAsync(o => o with { Clock = new ShiftedTimeProvider(TimeSpan.FromMinutes(20)) });
        using var client = s3.Client();

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = s3.Bucket }));

        Assert.Equal("RequestTimeTooSkewed", error.ErrorCode);
        Assert.Equal("The difference between the request time and the current time is too large.", error.Message);
    }

    [Fact]
    public async Task SignedRequest_ServerClockOffBy10Minutes_Accepted()
    {
        await using var s3 = await S3Fixture.StartAsync(o => o with { Clock = new ShiftedTimeProvider(TimeSpan.FromMinutes(-10)) });
        using var client = s3.Client();

        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = s3.Bucket });

        Assert.Equal(HttpStatusCode.OK, listed.HttpStatusCode);
    }

    [Fact]
    public async Task PresignedGetAndHead_WithHttpClient_ServeTheObject()
    {
        await using var s3 = await S3Fixture.StartAsync(tls: true, hostName: "s3.test");
        using var client = s3.Client();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "blobs/sha256/ab/data", ContentBody = "layer-bytes" });
        using var http = s3.HttpClient();

        var getUrl = await s3.PresignAsync(client, "blobs/sha256/ab/data", HttpVerb.GET, 20);
        var headUrl = await s3.PresignAsync(client, "blobs/sha256/ab/data", HttpVerb.HEAD, 20);
        var body = await http.GetStringAsync(getUrl);
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, headUrl));
        using var headWithGetUrl = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, getUrl));

        Assert.StartsWith("https://s3.test:", getUrl);
        Assert.Contains("X-Amz-Expires=1200", getUrl);
        Assert.Equal("layer-bytes", body);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(11, head.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.Forbidden, headWithGetUrl.StatusCode); // signed for GET: the method is part of the signature
    }

    [Fact]
    public async Task Presigned_UsedAfterExpiry_AccessDeniedRequestHasExpired()
    {
        await using var s3 = await S3Fixture.StartAsync(o => o with { Clock = new ShiftedTimeProvider(TimeSpan.FromMinutes(25)) });
        using var client = s3.Client();
        using var http = s3.HttpClient();
        var url = await s3.PresignAsync(client, "k", HttpVerb.GET, 20);

        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>1200</X-Amz-Expires>", body);
        Assert.Contains("<ServerTime>", body);
        Assert.True(response.Headers.Contains("x-amz-request-id"));
    }

    [Fact]
    public async Task Presigned_PathTampered_SignatureDoesNotMatch()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "a", ContentBody = "1" });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "b", ContentBody = "2" });
        using var http = s3.HttpClient();
        var url = await s3.PresignAsync(client, "a", HttpVerb.GET, 5);

        using var response = await http.GetAsync(url.Replace("/a?", "/b?"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", body);
        Assert.Contains("<CanonicalRequest>GET\n/lab-bucket/b\n", body);
    }

    [Fact]
    public async Task PolicyDenyingPresignedGetObject_PresignedHeadIs403WithEmptyBody_SignedCallsStillWork()
    {
        await using var s3 = await S3Fixture.StartAsync(o => o with { Policy = S3Policy.AllowAll.Deny(S3Action.GetObject, presignedOnly: true) });
        using var client = s3.Client();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "blob", ContentBody = "bytes" });
        using var http = s3.HttpClient();
        var headUrl = await s3.PresignAsync(client, "blob", HttpVerb.HEAD, 20);
        var getUrl = await s3.PresignAsync(client, "blob", HttpVerb.GET, 20);

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, headUrl));
        var headBody = await head.Content.ReadAsByteArrayAsync();
        using var get = await http.GetAsync(getUrl);
        var getBody = await get.Content.ReadAsStringAsync();
        var signed = await client.GetObjectMetadataAsync(s3.Bucket, "blob");

        Assert.Equal(HttpStatusCode.Forbidden, head.StatusCode);
        Assert.Empty(headBody);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code><Message>Access Denied</Message>", getBody);
        Assert.Equal(5, signed.ContentLength);
    }

    [Fact]
    public async Task Presigned_WrongRegion_AuthorizationQueryParametersErrorNamingExpectedRegion()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client(region: "us-east-1");
        using var http = s3.HttpClient();
        var url = await s3.PresignAsync(client, "k", HttpVerb.GET, 5);

        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>AuthorizationQueryParametersError</Code><Message>Error parsing the X-Amz-Credential parameter; the region 'us-east-1' is wrong; expecting 'eu-central-1'</Message><Region>eu-central-1</Region>", body);
    }

    [Fact]
    public async Task AnonymousRequest_AccessDeniedXmlWithRequestId()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var http = s3.HttpClient();

        using var response = await http.GetAsync(new Uri(s3.Server.Endpoint, $"/{s3.Bucket}/k"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>", body);
        Assert.Contains(response.Headers.GetValues("x-amz-request-id").Single(), body);
    }

    [Fact]
    public async Task VirtualHostedAddressing_BucketInHostName_ServesTheObject()
    {
        await using var s3 = await S3Fixture.StartAsync(hostName: "s3.test");
        var config = new AmazonS3Config
        {
            ServiceURL = s3.Server.Endpoint.ToString(),
            ForcePathStyle = false,
            AuthenticationRegion = s3.Server.Options.Region,
            MaxErrorRetry = 0,
            HttpClientFactory = new LoopbackHttpClientFactory(),
        };
        using var client = new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(s3.Server.Options.AccessKey, s3.Server.Options.SecretKey), config);

        await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "dir/key", ContentBody = "virtual" });
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = s3.Bucket, Key = "dir/key", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP });
        using var pathStyle = s3.Client();
        using var get = await pathStyle.GetObjectAsync(s3.Bucket, "dir/key");

        Assert.StartsWith($"http://{s3.Bucket}.s3.test:", url);
        Assert.Equal("virtual", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    /// <summary>Resolves every name (bucket.s3.test included) to loopback, as a wildcard DNS entry would.</summary>
    private sealed class LoopbackHttpClientFactory : Amazon.Runtime.HttpClientFactory
    {
        public override HttpClient CreateHttpClient(Amazon.Runtime.IClientConfig clientConfig) =>
            new(new SocketsHttpHandler
            {
                UseProxy = false,
                ConnectCallback = async (context, token) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, token);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                },
            });
    }
}
