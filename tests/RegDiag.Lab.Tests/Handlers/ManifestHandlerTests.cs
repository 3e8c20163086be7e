using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RegDiag.Lab.Tests.Support;

namespace RegDiag.Lab.Tests.Handlers;

public sealed class ManifestHandlerTests
{
    private static HttpRequestMessage Get(string path, params string[] accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var type in accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
        return request;
    }

    [Fact]
    public async Task Put_ReferencingUnknownBlobs_ReturnsManifestBlobUnknownPerBlob()
    {
        await using var lab = await TestLab.StartAsync();
        var config = Digests.Sha256([1]);
        var layer = Digests.Sha256([2]);
        var content = new ByteArrayContent(Manifests.Oci(config, 1, [(layer, 1)]));
        content.Headers.ContentType = new MediaTypeHeaderValue(Manifests.OciManifestType);

        using var response = await lab.Client.PutAsync("/v2/group/app/manifests/latest", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            $"{{\"errors\":[{{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\",\"detail\":\"{config}\"}},"
            + $"{{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\",\"detail\":\"{layer}\"}}]}}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_OciManifestWithOciAccept_ReturnsItWithDigestHeaders()
    {
        await using var lab = await TestLab.StartAsync();
        var (manifest, digest) = await lab.PushImageAsync("group/project/image", "v1");

        using var response = await lab.Client.SendAsync(Get("/v2/group/project/image/manifests/v1", Manifests.OciManifestType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Manifests.OciManifestType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal($"\"{digest}\"", response.Headers.ETag!.Tag);
        Assert.Equal(manifest, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Digests.Sha256(manifest), digest);
    }

    [Fact]
    public async Task Get_OciManifestWithoutOciAccept_ReturnsManifestUnknownLikeDistribution()
    {
        await using var lab = await TestLab.StartAsync();
        await lab.PushImageAsync("negotiation", "v1");

        using var response = await lab.Client.SendAsync(Get("/v2/negotiation/manifests/v1", Manifests.DockerManifestType));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"OCI manifest found, but accept header does not support OCI manifests\"}]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_UnknownTag_ReturnsManifestUnknown()
    {
        await using var lab = await TestLab.StartAsync();

        using var response = await lab.Client.SendAsync(Get("/v2/nope/manifests/latest", Manifests.OciManifestType));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"latest\"}}]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Head_DockerSchema2ByDigest_ReturnsHeadersWithoutBody()
    {
        await using var lab = await TestLab.StartAsync();
        var config = Encoding.ASCII.GetBytes("{}");
        var configDigest = await lab.PushBlobAsync("docker", config);
        var manifest = Manifests.Docker(configDigest, config.Length, []);
        var digest = await lab.PutManifestAsync("docker", "latest", manifest, Manifests.DockerManifestType);
        var request = Get($"/v2/docker/manifests/{digest}", Manifests.DockerManifestType);
        request.Method = HttpMethod.Head;

        using var response = await lab.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(manifest.Length, response.Content.Headers.ContentLength);
        Assert.Equal(Manifests.DockerManifestType, response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Put_IndexWithUnknownChild_ReturnsManifestBlobUnknown()
    {
        await using var lab = await TestLab.StartAsync();
        var (manifest, digest) = await lab.PushImageAsync("multi", "amd64");
        var missing = Digests.Sha256([7]);
        var index = Manifests.Index([(digest, manifest.Length), (missing, 10)]);
        var content = new ByteArrayContent(index);
        content.Headers.ContentType = new MediaTypeHeaderValue(Manifests.OciIndexType);

        using var response = await lab.Client.PutAsync("/v2/multi/manifests/latest", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"detail\":\"{missing}\"", body);
        Assert.DoesNotContain(digest, body);
    }

    [Fact]
    public async Task Put_IndexOfKnownManifests_IsServedToIndexAwareClients()
    {
        await using var lab = await TestLab.StartAsync();
        var (manifest, digest) = await lab.PushImageAsync("multi", "amd64");
        var index = Manifests.Index([(digest, manifest.Length)]);
        await lab.PutManifestAsync("multi", "latest", index, Manifests.OciIndexType);

        using var withIndex = await lab.Client.SendAsync(Get("/v2/multi/manifests/latest", Manifests.OciIndexType));
        using var withoutIndex = await lab.Client.SendAsync(Get("/v2/multi/manifests/latest", Manifests.OciManifestType));

        Assert.Equal(HttpStatusCode.OK, withIndex.StatusCode);
        Assert.Equal(index, await withIndex.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, withoutIndex.StatusCode);
        Assert.Contains("OCI index found, but accept header does not support OCI indexes", await withoutIndex.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_ByDigestThatDoesNotMatch_ReturnsDigestInvalid()
    {
        await using var lab = await TestLab.StartAsync();
        var config = Encoding.ASCII.GetBytes("{}");
        var configDigest = await lab.PushBlobAsync("bydigest", config);
        var content = new ByteArrayContent(Manifests.Oci(configDigest, config.Length, []));
        content.Headers.ContentType = new MediaTypeHeaderValue(Manifests.OciManifestType);

        using var response = await lab.Client.PutAsync($"/v2/bydigest/manifests/{Digests.Sha256([0])}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"DIGEST_INVALID\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_NotJson_ReturnsManifestInvalid()
    {
        await using var lab = await TestLab.StartAsync();
        var content = new StringContent("not a manifest");
        content.Headers.ContentType = new MediaTypeHeaderValue(Manifests.OciManifestType);

        using var response = await lab.Client.PutAsync("/v2/bad/manifests/latest", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"MANIFEST_INVALID\",\"message\":\"manifest invalid\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_ByDigest_RemovesRevisionAndItsTags()
    {
        await using var lab = await TestLab.StartAsync();
        var (_, digest) = await lab.PushImageAsync("gone", "v1");

        using var delete = await lab.Client.DeleteAsync($"/v2/gone/manifests/{digest}");
        using var byTag = await lab.Client.SendAsync(Get("/v2/gone/manifests/v1", Manifests.OciManifestType));
        using var byDigest = await lab.Client.SendAsync(Get($"/v2/gone/manifests/{digest}", Manifests.OciManifestType));

        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byTag.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byDigest.StatusCode);
    }

    [Fact]
    public async Task Put_WithSubject_SetsOciSubjectAndAppearsInReferrers()
    {
        await using var lab = await TestLab.StartAsync();
        var (_, subject) = await lab.PushImageAsync("signed", "v1");
        var config = Encoding.ASCII.GetBytes("{\"sig\":true}");
        var configDigest = await lab.PushBlobAsync("signed", config);
        var signature = Manifests.Oci(configDigest, config.Length, [], subject, "application/vnd.example.signature");
        var content = new ByteArrayContent(signature);
        content.Headers.ContentType = new MediaTypeHeaderValue(Manifests.OciManifestType);
        using var put = await lab.Client.PutAsync($"/v2/signed/manifests/{Digests.Sha256(signature)}", content);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(subject, put.Headers.GetValues("OCI-Subject").Single());

        using var all = await lab.Client.GetAsync($"/v2/signed/referrers/{subject}");
        using var filtered = await lab.Client.GetAsync($"/v2/signed/referrers/{subject}?artifactType=application/vnd.other");

        Assert.Equal(Manifests.OciIndexType, all.Content.Headers.ContentType!.MediaType);
        var body = await all.Content.ReadAsStringAsync();
        Assert.Contains(Digests.Sha256(signature), body);
        Assert.Contains("\"artifactType\":\"application/vnd.example.signature\"", body);
        Assert.Equal("artifactType", filtered.Headers.GetValues("OCI-Filters-Applied").Single());
        Assert.DoesNotContain(Digests.Sha256(signature), await filtered.Content.ReadAsStringAsync());
    }
}
