using System.Security.Cryptography;
using System.Text;
using RegDiag.Core.Model;
using RegDiag.Proxy.Recording;

namespace RegDiag.Proxy.Tests.Recording;

public sealed class BodyTapTests
{
    [Fact]
    public async Task Read_TextualBodyLargerThanTheLimit_KeepsTheFirst64KiBAndHashesAll()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"k\":\"v\"}", 10_000)));
        var ended = 0;
        var tap = new BodyTap(new MemoryStream(body), () => ended++);
        tap.Describe("application/json; charset=utf-8", null);

        await tap.CopyToAsync(Stream.Null, 1000);
        var record = tap.ToRecord();

        Assert.Equal(body.Length, record.Size);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)), record.Sha256);
        Assert.Equal(BodyRecord.TextLimit, record.Text!.Length);
        Assert.True(record.TextTruncated);
        Assert.Equal(1, ended);
    }

    [Fact]
    public async Task Read_ZeroByteReadIntoAnEmptyBuffer_IsNotTheEnd()
    {
        var ended = 0;
        var tap = new BodyTap(new MemoryStream([1, 2, 3]), () => ended++);

        _ = await tap.ReadAsync(Memory<byte>.Empty);
        var before = ended;
        await tap.CopyToAsync(Stream.Null);

        Assert.Equal(0, before);
        Assert.Equal(1, ended);
        Assert.Equal(3, tap.ToRecord().Size);
    }

    [Fact]
    public async Task Write_BinaryBody_KeepsSizeAndHashOnly()
    {
        var sink = new MemoryStream();
        var tap = new BodyTap(sink);
        tap.Describe("application/octet-stream", null);
        var data = RandomNumberGenerator.GetBytes(200_000);

        await tap.WriteAsync(data);
        var record = tap.ToRecord();

        Assert.Equal(data, sink.ToArray());
        Assert.Equal(200_000, record.Size);
        Assert.Null(record.Text);
        Assert.Equal("application/octet-stream", record.ContentType);
    }

    [Theory]
    [InlineData("application/json", null, true)]
    [InlineData("application/vnd.oci.image.manifest.v1+json", null, true)]
    [InlineData("application/problem+json", null, true)]
    [InlineData("application/xml", null, true)]
    [InlineData("text/plain; charset=utf-8", null, true)]
    [InlineData("application/x-www-form-urlencoded", null, true)]
    [InlineData("application/json", "identity", true)]
    [InlineData("application/json", "gzip", false)]
    [InlineData("application/octet-stream", null, false)]
    [InlineData("application/vnd.oci.image.layer.v1.tar+gzip", null, false)]
    [InlineData(null, null, false)]
    public async Task Describe_ContentTypeAndEncoding_KeepsTextOnlyOfUncodedTextualBodies(string? type, string? encoding, bool textual)
    {
        var body = Encoding.UTF8.GetBytes("{\"errors\":[]}");
        var tap = new BodyTap(new MemoryStream(body));
        tap.Describe(type, encoding);

        await tap.CopyToAsync(Stream.Null);
        var record = tap.ToRecord();

        Assert.Equal(body.Length, record.Size);
        Assert.Equal(textual ? "{\"errors\":[]}" : null, record.Text);
    }
}
