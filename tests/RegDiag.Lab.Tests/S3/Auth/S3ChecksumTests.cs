using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using RegDiag.Lab.S3.Auth;

namespace RegDiag.Lab.Tests.S3.Auth;

public sealed class S3ChecksumTests
{
    [Theory]
    [InlineData(Crc32.Ieee, 0xCBF43926u)]
    [InlineData(Crc32.Castagnoli, 0xE3069283u)]
    public void Crc32_StandardCheckInput_GivesCatalogueValue(uint polynomial, uint expected)
    {
        var crc = new Crc32(polynomial);
        crc.Append(Encoding.ASCII.GetBytes("12345"));
        crc.Append(Encoding.ASCII.GetBytes("6789"));

        Assert.Equal(expected, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(crc.GetHash()));
    }

    [Fact]
    public async Task PutObject_WrongCrc32Header_BadDigest_RightOneStored()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var client = s3.Client();

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = s3.Bucket, Key = "k", ContentBody = "hello world", ChecksumCRC32 = "AAAAAA==",
        }));
        await client.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = "k", ContentBody = "hello world", ChecksumCRC32 = "DUoRhQ==" });

        Assert.Equal("BadDigest", error.ErrorCode);
        Assert.Equal("The CRC32 you specified did not match the calculated checksum.", error.Message);
        Assert.Equal(11, (await client.GetObjectMetadataAsync(s3.Bucket, "k")).ContentLength);
    }
}
