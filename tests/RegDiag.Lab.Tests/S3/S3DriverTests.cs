using System.Net;
using System.Security.Cryptography;
using System.Text;
using RegDiag.Lab.S3;
using RegDiag.Lab.Storage;

namespace RegDiag.Lab.Tests.S3;

public sealed class S3DriverTests
{
    private static S3Driver DriverFor(S3Fixture s3, string? secret = null, string? region = null, string root = "/lab") => new(new S3DriverOptions
    {
        RegionEndpoint = s3.Server.Endpoint,
        Region = region ?? s3.Server.Options.Region,
        Bucket = s3.Bucket,
        AccessKey = s3.Server.Options.AccessKey,
        SecretKey = secret ?? s3.Server.Options.SecretKey,
        RootDirectory = root,
        ChunkSize = S3Writer.MinChunkSize,
        MultipartCopyThreshold = 6 * 1024 * 1024,
        TrustedCa = s3.Ca,
    });

    [Fact]
    public async Task PutStatListDelete_UseDistributionKeysUnderRootDirectory()
    {
        await using var s3 = await S3Fixture.StartAsync(tls: true);
        using var driver = DriverFor(s3);
        using var client = s3.Client();
        await driver.PutContentAsync("/docker/registry/v2/repositories/g/p/_manifests/tags/v1/current/link", Encoding.ASCII.GetBytes("sha256:ab"), default);
        await driver.PutContentAsync("/docker/registry/v2/repositories/g/q/_layers/sha256/ab/link", Encoding.ASCII.GetBytes("sha256:ab"), default);
        await driver.PutContentAsync("/docker/registry/v2/repositories/g/pp", Encoding.ASCII.GetBytes("x"), default);

        var keys = (await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = s3.Bucket })).S3Objects.Select(o => o.Key);
        var file = await driver.StatAsync("/docker/registry/v2/repositories/g/p/_manifests/tags/v1/current/link", default);
        var directory = await driver.StatAsync("/docker/registry/v2/repositories/g", default);
        var root = await driver.StatAsync("/", default);
        var children = await driver.ListAsync("/docker/registry/v2/repositories/g", default);
        await Assert.ThrowsAsync<PathNotFoundException>(() => driver.StatAsync("/docker/registry/v2/repositories/g/x", default));
        await Assert.ThrowsAsync<PathNotFoundException>(() => driver.ListAsync("/docker/registry/v2/nothing", default));
        await driver.DeleteAsync("/docker/registry/v2/repositories/g/p", default);
        var afterDelete = await driver.ListAsync("/docker/registry/v2/repositories/g", default);

        Assert.Contains("lab/docker/registry/v2/repositories/g/p/_manifests/tags/v1/current/link", keys);
        Assert.Equal((9L, false), (file.Size, file.IsDirectory));
        Assert.True(directory.IsDirectory);
        Assert.True(root.IsDirectory);
        Assert.Equal(["/docker/registry/v2/repositories/g/pp", "/docker/registry/v2/repositories/g/p", "/docker/registry/v2/repositories/g/q"], children);
        Assert.Equal(["/docker/registry/v2/repositories/g/pp", "/docker/registry/v2/repositories/g/q"], afterDelete);
    }

    [Fact]
    public async Task Writer_ChunksAcrossReopens_CommitAssemblesEveryByte()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var driver = DriverFor(s3);
        var first = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);   // a small part on close
        var second = RandomNumberGenerator.GetBytes(7 * 1024 * 1024);  // forces the restart, then a full part
        var third = RandomNumberGenerator.GetBytes(1234);
        const string path = "/docker/registry/v2/repositories/g/p/_uploads/u/data";

        await using (await driver.WriterAsync(path, append: false, default))
        {
        }
        await using (var writer = await driver.WriterAsync(path, append: true, default))
        {
            await writer.WriteAsync(new MemoryStream(first), default);
        }
        long sizeAfterReopen;
        await using (var writer = await driver.WriterAsync(path, append: true, default))
        {
            sizeAfterReopen = writer.Size;
            await writer.WriteAsync(new MemoryStream(second), default);
        }
        await using (var writer = await driver.WriterAsync(path, append: true, default))
        {
            await writer.WriteAsync(new MemoryStream(third), default);
            await writer.CommitAsync(default);
        }
        await using var reader = await driver.ReaderAsync(path, first.Length, default);
        var tail = new MemoryStream();
        await reader.CopyToAsync(tail);
        await Assert.ThrowsAsync<PathNotFoundException>(() => driver.WriterAsync("/docker/registry/v2/other/data", append: true, default));

        Assert.Equal(first.Length, sizeAfterReopen);
        Assert.Equal(second.Concat(third).ToArray(), tail.ToArray());
        Assert.Equal(first.Length + second.Length + third.Length, (await driver.StatAsync(path, default)).Size);
    }

    [Fact]
    public async Task Move_LargeObjectByPartCopy_SourceGoneDestinationIntact()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var driver = DriverFor(s3);
        var bytes = RandomNumberGenerator.GetBytes(7 * 1024 * 1024);
        await driver.PutContentAsync("/up/data", bytes, default);
        await driver.PutContentAsync("/small/data", Encoding.ASCII.GetBytes("s"), default);

        await driver.MoveAsync("/up/data", "/blobs/big/data", default);
        await driver.MoveAsync("/small/data", "/blobs/small/data", default);

        Assert.Equal(bytes, await driver.GetContentAsync("/blobs/big/data", default));
        Assert.Equal("s", Encoding.ASCII.GetString(await driver.GetContentAsync("/blobs/small/data", default)));
        await Assert.ThrowsAsync<PathNotFoundException>(() => driver.GetContentAsync("/up/data", default));
    }

    [Fact]
    public async Task RedirectUrl_PresignedForMethodOnS3Hostname_20Minutes()
    {
        await using var s3 = await S3Fixture.StartAsync(tls: true, hostName: "s3.test");
        using var driver = DriverFor(s3);
        await driver.PutContentAsync("/blob/data", Encoding.ASCII.GetBytes("layer"), default);
        using var http = s3.HttpClient();

        var get = await driver.RedirectUrlAsync("GET", "/blob/data", default);
        var head = await driver.RedirectUrlAsync("HEAD", "/blob/data", default);
        var none = await driver.RedirectUrlAsync("DELETE", "/blob/data", default);
        var body = await http.GetStringAsync(get);
        using var headResponse = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, head));

        Assert.Equal($"https://s3.test:{s3.Server.Port}/{s3.Bucket}/lab/blob/data", get!.GetLeftPart(UriPartial.Path));
        Assert.Contains("X-Amz-Expires=1200", get.Query);
        Assert.Equal("layer", body);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Null(none);
    }

    [Theory]
    [InlineData("bad-secret", null, "s3aws: SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.")]
    [InlineData(null, "us-east-1", "s3aws: AuthorizationHeaderMalformed: The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'")]
    public async Task Driver_RejectedBySigV4_FailsWithS3awsDetail(string? secret, string? region, string expected)
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var driver = DriverFor(s3, secret, region);

        var put = await Assert.ThrowsAsync<StorageException>(() => driver.PutContentAsync("/x", new byte[] { 1 }, default));
        var stat = await Assert.ThrowsAsync<StorageException>(() => driver.StatAsync("/x", default));

        Assert.StartsWith(expected, put.Message);
        Assert.Contains("\n\tstatus code: ", put.Message);
        Assert.StartsWith(expected, stat.Message); // the HEAD has no body: the fallback listing carries the code
    }

    [Fact]
    public async Task Stat_WithoutGetObject_FallsBackToListing()
    {
        await using var s3 = await S3Fixture.StartAsync(o => o with { Policy = S3Policy.AllowAll.Deny(S3Action.GetObject) });
        using var driver = DriverFor(s3);
        await driver.PutContentAsync("/blob/data", Encoding.ASCII.GetBytes("12345"), default);

        var info = await driver.StatAsync("/blob/data", default);
        var read = await Assert.ThrowsAsync<StorageException>(() => driver.GetContentAsync("/blob/data", default));

        Assert.Equal(5, info.Size);
        Assert.StartsWith("s3aws: AccessDenied: Access Denied", read.Message);
    }
}
