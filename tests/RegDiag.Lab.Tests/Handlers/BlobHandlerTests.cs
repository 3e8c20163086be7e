using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RegDiag.Lab.Tests.Support;

namespace RegDiag.Lab.Tests.Handlers;

public sealed class BlobHandlerTests
{
    [Fact]
    public async Task Get_UnknownBlob_Returns404BlobUnknownWithDigestDetail()
    {
        await using var lab = await TestLab.StartAsync();
        var digest = Digests.Sha256([9, 9, 9]);

        using var response = await lab.Client.GetAsync($"/v2/nothing/here/blobs/{digest}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{{\"errors\":[{{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\",\"detail\":\"{digest}\"}}]}}\n",
            await response.Content.ReadAsStringAsync());
        Assert.Equal("registry/2.0", response.Headers.GetValues("Docker-Distribution-API-Version").Single());
    }

    [Fact]
    public async Task Head_UnknownBlob_Returns404WithEmptyBody()
    {
        await using var lab = await TestLab.StartAsync();

        using var response = await lab.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/x/blobs/{Digests.Sha256([1])}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_BlobPushedToOtherRepository_IsUnknownHere()
    {
        await using var lab = await TestLab.StartAsync();
        var digest = await lab.PushBlobAsync("one", Encoding.ASCII.GetBytes("private"));

        using var response = await lab.Client.GetAsync($"/v2/two/blobs/{digest}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithRange_Returns206AndTheSlice()
    {
        await using var lab = await TestLab.StartAsync();
        var digest = await lab.PushBlobAsync("range", Encoding.ASCII.GetBytes("0123456789"));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/range/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(2, 5);

        using var response = await lab.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("2345", await response.Content.ReadAsStringAsync());
        Assert.Equal("bytes 2-5/10", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
    }

    [Fact]
    public async Task Get_RangeBeyondEnd_Returns416()
    {
        await using var lab = await TestLab.StartAsync();
        var digest = await lab.PushBlobAsync("range", Encoding.ASCII.GetBytes("0123456789"));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/range/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(20, 30);

        using var response = await lab.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */10", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Delete_LinkedBlob_Returns202AndBlobIsGone()
    {
        await using var lab = await TestLab.StartAsync();
        var digest = await lab.PushBlobAsync("del", Encoding.ASCII.GetBytes("bye"));

        using var delete = await lab.Client.DeleteAsync($"/v2/del/blobs/{digest}");
        using var again = await lab.Client.DeleteAsync($"/v2/del/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("BLOB_UNKNOWN", await again.Content.ReadAsStringAsync());
    }
}
