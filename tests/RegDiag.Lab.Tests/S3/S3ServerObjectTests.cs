using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace RegDiag.Lab.Tests.S3;

public sealed class S3ServerObjectTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PutObject_ThenGetHeadDelete_RoundTripsBytesAndMd5ETag(bool tls)
    {
        await using var s3 = await S3Fixture.StartAsync(tls: tls);
        using var client = s3.Client();
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var put = await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "docker/registry/v2/a b+c.bin", InputStream = new MemoryStream(bytes) });
        var head = await client.GetObjectMetadataAsync(s3.Bucket, "docker/registry/v2/a b+c.bin");
        using var get = await client.GetObjectAsync(s3.Bucket, "docker/registry/v2/a b+c.bin");
        var read = new MemoryStream();
        await get.ResponseStream.CopyToAsync(read);
        await client.DeleteObjectAsync(s3.Bucket, "docker/registry/v2/a b+c.bin");
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetObjectAsync(s3.Bucket, "docker/registry/v2/a b+c.bin"));

        var md5 = $"\"{Convert.ToHexStringLower(MD5.HashData(bytes))}\"";
        Assert.Equal(md5, put.ETag);
        Assert.Equal(md5, head.ETag);
        Assert.Equal(bytes.Length, head.ContentLength);
        Assert.Equal(bytes, read.ToArray());
        Assert.Equal("NoSuchKey", missing.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task GetObject_Range_Returns206WithThatSlice()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client();
        var bytes = Encoding.ASCII.GetBytes("0123456789abcdef");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "k", InputStream = new MemoryStream(bytes) });

        using var middle = await client.GetObjectAsync(new GetObjectRequest { BucketName = s3.Bucket, Key = "k", ByteRange = new ByteRange(4, 7) });
        var text = await new StreamReader(middle.ResponseStream).ReadToEndAsync();
        var beyond = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            client.GetObjectAsync(new GetObjectRequest { BucketName = s3.Bucket, Key = "k", ByteRange = new ByteRange(100, 200) }));

        Assert.Equal(HttpStatusCode.PartialContent, middle.HttpStatusCode);
        Assert.Equal("4567", text);
        Assert.Equal("bytes 4-7/16", middle.ContentRange);
        Assert.Equal("InvalidRange", beyond.ErrorCode);
    }

    [Fact]
    public async Task CopyObjectAndDeleteObjects_CopyKeepsBytes_DeleteRemovesAllKeys()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "src/data", ContentBody = "hello" });

        await client.CopyObjectAsync(s3.Bucket, "src/data", s3.Bucket, "dst/data");
        var copied = await client.GetObjectAsync(s3.Bucket, "dst/data");
        var text = await new StreamReader(copied.ResponseStream).ReadToEndAsync();
        var deleted = await client.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = s3.Bucket,
            Objects = [new KeyVersion { Key = "src/data" }, new KeyVersion { Key = "dst/data" }],
        });
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = s3.Bucket });

        Assert.Equal("hello", text);
        Assert.Equal(2, deleted.DeletedObjects.Count);
        Assert.Empty(listed.S3Objects ?? []);
    }

    [Fact]
    public async Task ListObjects_DelimiterOnNestedKeys_ReturnsCommonPrefixesAndPages()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client();
        string[] keys =
        [
            "docker/registry/v2/repositories/group/project/image/_manifests/tags/latest/current/link",
            "docker/registry/v2/repositories/group/project/image/_layers/sha256/aa/link",
            "docker/registry/v2/repositories/group/other/_manifests/tags/v1/current/link",
            "docker/registry/v2/repositories/solo/_manifests/tags/v2/current/link",
            "docker/registry/v2/repositories/readme",
        ];
        foreach (var key in keys)
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = key, ContentBody = "x" });
        }

        var top = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = s3.Bucket, Prefix = "docker/registry/v2/repositories/", Delimiter = "/" });
        var group = await client.ListObjectsAsync(new ListObjectsRequest { BucketName = s3.Bucket, Prefix = "docker/registry/v2/repositories/group/", Delimiter = "/" });
        var pages = new List<string>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = s3.Bucket, MaxKeys = 2, ContinuationToken = token });
            pages.AddRange(page.S3Objects.Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token != null);
        var v1Page = await client.ListObjectsAsync(new ListObjectsRequest { BucketName = s3.Bucket, Prefix = "docker/registry/v2/repositories/", Delimiter = "/", MaxKeys = 1 });
        var v1Next = await client.ListObjectsAsync(new ListObjectsRequest { BucketName = s3.Bucket, Prefix = "docker/registry/v2/repositories/", Delimiter = "/", MaxKeys = 5, Marker = v1Page.NextMarker });

        Assert.Equal(["docker/registry/v2/repositories/group/", "docker/registry/v2/repositories/solo/"], top.CommonPrefixes);
        Assert.Equal(["docker/registry/v2/repositories/readme"], top.S3Objects.Select(o => o.Key));
        Assert.Equal(3, top.KeyCount);
        Assert.Equal(["docker/registry/v2/repositories/group/other/", "docker/registry/v2/repositories/group/project/"], group.CommonPrefixes);
        Assert.Equal(keys.Order(StringComparer.Ordinal), pages);
        Assert.Equal(["docker/registry/v2/repositories/group/"], v1Page.CommonPrefixes);
        Assert.True(v1Page.IsTruncated);
        Assert.Equal(["docker/registry/v2/repositories/solo/"], v1Next.CommonPrefixes);
        Assert.Equal(["docker/registry/v2/repositories/readme"], v1Next.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task HeadObject_Missing_404WithListBucket_403Without()
    {
        await using var open = await S3Fixture.StartAsync();
        await using var noList = await S3Fixture.StartAsync(o => o with { Policy = RegDiag.Lab.S3.S3Policy.AllowAll.Deny(RegDiag.Lab.S3.S3Action.ListBucket) });
        using var openClient = open.Client();
        using var noListClient = noList.Client();

        var notFound = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => openClient.GetObjectMetadataAsync(open.Bucket, "nope"));
        var forbidden = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => noListClient.GetObjectMetadataAsync(noList.Bucket, "nope"));

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task GetBucketLocationAndHeadBucket_ReportTheRegion()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client();

        var location = await client.GetBucketLocationAsync(s3.Bucket);
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "other" }));

        Assert.Equal("eu-central-1", location.Location.Value);
        Assert.Equal("NoSuchBucket", missing.ErrorCode);
    }

    [Fact]
    public async Task Restart_OnSameDataDirectory_ObjectsAreStillThere()
    {
        using var data = new RegDiag.Testing.TempDirectory("regdiag-s3-data");
        var options = new RegDiag.Lab.S3.S3ServerOptions { DataDirectory = data.Path, AccessKey = S3Fixture.TestAccessKey, SecretKey = S3Fixture.TestSecretKey };
        await using (var first = await RegDiag.Lab.S3.S3Server.StartAsync(options))
        {
            using var client = ClientFor(first);
            await client.PutObjectAsync(new PutObjectRequest { BucketName = options.Bucket, Key = "a/b", ContentBody = "old" });
            await client.PutObjectAsync(new PutObjectRequest { BucketName = options.Bucket, Key = "a/b", ContentBody = "kept" });
            await client.PutObjectAsync(new PutObjectRequest { BucketName = options.Bucket, Key = "gone", ContentBody = "x" });
            await client.DeleteObjectAsync(options.Bucket, "gone");
        }
        await using var second = await RegDiag.Lab.S3.S3Server.StartAsync(options);
        using var again = ClientFor(second);

        var listed = await again.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket });
        using var get = await again.GetObjectAsync(options.Bucket, "a/b");

        Assert.Equal(["a/b"], listed.S3Objects.Select(o => o.Key));
        Assert.Equal("kept", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        Assert.Equal(2, Directory.GetFiles(Path.Combine(data.Path, "objects")).Length); // one object and its sidecar
    }

    private static AmazonS3Client ClientFor(RegDiag.Lab.S3.S3Server server) => new(
        new Amazon.Runtime.BasicAWSCredentials(server.Options.AccessKey, server.Options.SecretKey),
        new AmazonS3Config { ServiceURL = server.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = server.Options.Region, MaxErrorRetry = 0 });
}
