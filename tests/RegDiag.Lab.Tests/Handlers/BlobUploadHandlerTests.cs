using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RegDiag.Lab.Tests.Support;

namespace RegDiag.Lab.Tests.Handlers;

public sealed class BlobUploadHandlerTests
{
    private static async Task<string> StartUploadAsync(TestLab lab, string repository)
    {
        using var response = await lab.Client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("0-0", response.Headers.GetValues("Range").Single());
        Assert.NotEmpty(response.Headers.GetValues("Docker-Upload-UUID").Single());
        return response.Headers.Location!.AbsoluteUri;
    }

    private static HttpRequestMessage Chunk(string location, byte[] data, string? contentRange)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(data) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (contentRange != null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        }
        return request;
    }

    [Fact]
    public async Task Post_WithDigestAndBody_CreatesBlobMonolithically()
    {
        await using var lab = await TestLab.StartAsync();
        var content = Encoding.UTF8.GetBytes("monolithic blob");
        var digest = Digests.Sha256(content);

        using var response = await lab.Client.PostAsync($"/v2/a/b/blobs/uploads/?digest={digest}", new ByteArrayContent(content));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.EndsWith($"/v2/a/b/blobs/{digest}", response.Headers.Location!.AbsoluteUri);
        using var head = await lab.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/a/b/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Patch_ChunksInOrderThenPut_CommitsTheBlob()
    {
        await using var lab = await TestLab.StartAsync();
        var location = await StartUploadAsync(lab, "chunks");
        using var first = await lab.Client.SendAsync(Chunk(location, Encoding.ASCII.GetBytes("hello"), "0-4"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("0-4", first.Headers.GetValues("Range").Single());
        using var second = await lab.Client.SendAsync(Chunk(first.Headers.Location!.AbsoluteUri, Encoding.ASCII.GetBytes(" world"), "5-10"));
        Assert.Equal("0-10", second.Headers.GetValues("Range").Single());
        var digest = Digests.Sha256(Encoding.ASCII.GetBytes("hello world"));

        using var put = await lab.Client.PutAsync(second.Headers.Location!.AbsoluteUri + "&digest=" + digest, null);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("hello world", await lab.Client.GetStringAsync($"/v2/chunks/blobs/{digest}"));
    }

    [Fact]
    public async Task Patch_OutOfOrderChunk_Returns416RangeInvalid()
    {
        await using var lab = await TestLab.StartAsync();
        var location = await StartUploadAsync(lab, "chunks");
        using var first = await lab.Client.SendAsync(Chunk(location, Encoding.ASCII.GetBytes("hello"), "0-4"));

        using var skipped = await lab.Client.SendAsync(Chunk(first.Headers.Location!.AbsoluteUri, Encoding.ASCII.GetBytes("later"), "10-14"));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, skipped.StatusCode);
        Assert.Equal("{\"errors\":[{\"code\":\"RANGE_INVALID\",\"message\":\"invalid content range\"}]}\n",
            await skipped.Content.ReadAsStringAsync());
        using var status = await lab.Client.GetAsync(first.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-4", status.Headers.GetValues("Range").Single());
    }

    [Fact]
    public async Task Patch_StaleLocationAfterProgress_Returns416RangeInvalid()
    {
        await using var lab = await TestLab.StartAsync();
        var location = await StartUploadAsync(lab, "stale");
        using var first = await lab.Client.SendAsync(Chunk(location, Encoding.ASCII.GetBytes("hello"), null));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var replay = await lab.Client.SendAsync(Chunk(location, Encoding.ASCII.GetBytes("again"), null));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, replay.StatusCode);
    }

    [Fact]
    public async Task Patch_ContentRangeSpanDiffersFromLength_ReturnsSizeInvalid()
    {
        await using var lab = await TestLab.StartAsync();
        var location = await StartUploadAsync(lab, "size");

        using var response = await lab.Client.SendAsync(Chunk(location, Encoding.ASCII.GetBytes("hello"), "0-9"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"SIZE_INVALID\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_DigestNotMatchingContent_ReturnsDigestInvalid()
    {
        await using var lab = await TestLab.StartAsync();
        var location = await StartUploadAsync(lab, "digest");
        var wrong = Digests.Sha256(Encoding.ASCII.GetBytes("something else"));

        using var response = await lab.Client.PutAsync(location + "&digest=" + wrong, new ByteArrayContent(Encoding.ASCII.GetBytes("content")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"provided digest did not match uploaded content\"", body);
        using var head = await lab.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/digest/blobs/{wrong}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Put_WithoutDigest_ReturnsDigestInvalidDigestMissing()
    {
        await using var lab = await TestLab.StartAsync();
        var location = await StartUploadAsync(lab, "digest");

        using var response = await lab.Client.PutAsync(location, new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"provided digest did not match uploaded content\",\"detail\":\"digest missing\"}]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_Upload_CancelsAndStatusBecomesUnknown()
    {
        await using var lab = await TestLab.StartAsync();
        var location = await StartUploadAsync(lab, "cancel");

        using var cancel = await lab.Client.DeleteAsync(location);
        using var status = await lab.Client.GetAsync(location);

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Contains("\"code\":\"BLOB_UPLOAD_UNKNOWN\"", await status.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Patch_TamperedState_ReturnsBlobUploadInvalid()
    {
        await using var lab = await TestLab.StartAsync();
        var location = await StartUploadAsync(lab, "tamper");
        var tampered = location[..location.IndexOf("_state=", StringComparison.Ordinal)] + "_state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        using var response = await lab.Client.SendAsync(Chunk(tampered, [1], null));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"code\":\"BLOB_UPLOAD_INVALID\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_MountFromRepositoryHoldingBlob_LinksWithoutUpload()
    {
        await using var lab = await TestLab.StartAsync();
        var digest = await lab.PushBlobAsync("source/repo", Encoding.ASCII.GetBytes("shared layer"));

        using var mounted = await lab.Client.PostAsync($"/v2/target/repo/blobs/uploads/?mount={digest}&from=source/repo", null);
        using var notMounted = await lab.Client.PostAsync($"/v2/third/blobs/uploads/?mount={digest}&from=nowhere", null);

        Assert.Equal(HttpStatusCode.Created, mounted.StatusCode);
        Assert.Equal(digest, mounted.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(HttpStatusCode.Accepted, notMounted.StatusCode);
        using var head = await lab.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/target/repo/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }
}
