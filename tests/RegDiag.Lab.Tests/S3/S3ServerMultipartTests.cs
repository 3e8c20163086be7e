using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace RegDiag.Lab.Tests.S3;

public sealed class S3ServerMultipartTests
{
    [Fact]
    public async Task Multipart_UploadListCopyComplete_AssemblesObjectWithMultipartETag()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client();
        var first = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);
        var second = RandomNumberGenerator.GetBytes(1000);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "tail", InputStream = new MemoryStream(second) });

        var created = await client.InitiateMultipartUploadAsync(s3.Bucket, "_uploads/u1/data");
        var part1 = await client.UploadPartAsync(new UploadPartRequest { BucketName = s3.Bucket, Key = "_uploads/u1/data", UploadId = created.UploadId, PartNumber = 1, InputStream = new MemoryStream(first) });
        var part2 = await client.CopyPartAsync(new CopyPartRequest { SourceBucket = s3.Bucket, SourceKey = "tail", DestinationBucket = s3.Bucket, DestinationKey = "_uploads/u1/data", UploadId = created.UploadId, PartNumber = 2 });
        var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = s3.Bucket, Prefix = "_uploads/u1/data" });
        var parts = await client.ListPartsAsync(new ListPartsRequest { BucketName = s3.Bucket, Key = "_uploads/u1/data", UploadId = created.UploadId });
        var completed = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = s3.Bucket,
            Key = "_uploads/u1/data",
            UploadId = created.UploadId,
            PartETags = [new PartETag(1, part1.ETag), new PartETag(2, part2.ETag)],
        });
        using var get = await client.GetObjectAsync(s3.Bucket, "_uploads/u1/data");
        var read = new MemoryStream();
        await get.ResponseStream.CopyToAsync(read);
        var after = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = s3.Bucket });

        Assert.Equal(created.UploadId, Assert.Single(uploads.MultipartUploads).UploadId);
        Assert.Equal([5 * 1024 * 1024L, 1000L], parts.Parts.Select(p => (long)p.Size!));
        Assert.EndsWith("-2\"", completed.ETag);
        Assert.Equal(first.Concat(second).ToArray(), read.ToArray());
        Assert.Empty(after.MultipartUploads ?? []);
    }

    [Fact]
    public async Task Complete_SmallPartBeforeLast_EntityTooSmall()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client();
        var created = await client.InitiateMultipartUploadAsync(s3.Bucket, "k");
        var p1 = await client.UploadPartAsync(new UploadPartRequest { BucketName = s3.Bucket, Key = "k", UploadId = created.UploadId, PartNumber = 1, InputStream = new MemoryStream(new byte[10]) });
        var p2 = await client.UploadPartAsync(new UploadPartRequest { BucketName = s3.Bucket, Key = "k", UploadId = created.UploadId, PartNumber = 2, InputStream = new MemoryStream(new byte[10]) });

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = s3.Bucket, Key = "k", UploadId = created.UploadId, PartETags = [new PartETag(1, p1.ETag), new PartETag(2, p2.ETag)],
        }));
        await client.AbortMultipartUploadAsync(s3.Bucket, "k", created.UploadId);
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.ListPartsAsync(new ListPartsRequest { BucketName = s3.Bucket, Key = "k", UploadId = created.UploadId }));

        Assert.Equal("EntityTooSmall", error.ErrorCode);
        Assert.Equal("NoSuchUpload", gone.ErrorCode);
    }
}
