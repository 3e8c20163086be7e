using System.Text;
using RegDiag.Lab.S3;
using RegDiag.Lab.S3.Auth;

namespace RegDiag.Lab.Tests.S3.Auth;

/// <summary>AWS's chunked-upload example (64 KiB + 1 KiB of 'a', signed chunks) decoded by the lab's reader.</summary>
public sealed class AwsChunkedReaderTests
{
    private static readonly S3Identity ExampleIdentity = new(
        "AKIAIOSFODNN7EXAMPLE", false, SigV4.StreamingSigned,
        SigV4.SigningKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "s3"),
        "20130524/us-east-1/s3/aws4_request", "20130524T000000Z",
        "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");

    private static byte[] ExampleBody(string lastSignature = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9")
    {
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.ASCII.GetBytes(text));
        Write("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n");
        Write(new string('a', 65536) + "\r\n");
        Write("400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n");
        Write(new string('a', 1024) + "\r\n");
        Write($"0;chunk-signature={lastSignature}\r\n\r\n");
        return body.ToArray();
    }

    [Fact]
    public async Task SignedChunks_AwsExample_DecodedAndVerified()
    {
        var output = new MemoryStream();

        var length = await new AwsChunkedReader(new MemoryStream(ExampleBody()), ExampleIdentity).CopyToAsync(output, default);

        Assert.Equal(66560, length);
        Assert.True(output.ToArray().All(b => b == (byte)'a'));
    }

    [Fact]
    public async Task SignedChunks_LastSignatureWrong_SignatureDoesNotMatch()
    {
        var body = ExampleBody(lastSignature: new string('0', 64));

        var error = await Assert.ThrowsAsync<S3Exception>(() =>
            new AwsChunkedReader(new MemoryStream(body), ExampleIdentity).CopyToAsync(new MemoryStream(), default));

        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, error.Error);
    }

    [Fact]
    public async Task UnsignedChunksWithTrailer_Decoded()
    {
        var identity = ExampleIdentity with { PayloadHash = SigV4.StreamingUnsignedTrailer };
        var body = Encoding.ASCII.GetBytes("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
        var output = new MemoryStream();

        var length = await new AwsChunkedReader(new MemoryStream(body), identity).CopyToAsync(output, default);

        Assert.Equal(11, length);
        Assert.Equal("hello world", Encoding.ASCII.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Chunks_BodyEndsEarly_IncompleteBody()
    {
        var identity = ExampleIdentity with { PayloadHash = SigV4.StreamingUnsignedTrailer };
        var body = Encoding.ASCII.GetBytes("10\r\nshort");

        var error = await Assert.ThrowsAsync<S3Exception>(() =>
            new AwsChunkedReader(new MemoryStream(body), identity).CopyToAsync(new MemoryStream(), default));

        Assert.Equal(S3ErrorCode.IncompleteBody, error.Error);
    }
}
