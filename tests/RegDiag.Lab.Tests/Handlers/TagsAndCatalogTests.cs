using System.Net;
using RegDiag.Lab.Tests.Support;

namespace RegDiag.Lab.Tests.Handlers;

public sealed class TagsAndCatalogTests
{
    [Fact]
    public async Task TagsList_WithN_PagesWithLinkHeader()
    {
        await using var lab = await TestLab.StartAsync();
        foreach (var tag in new[] { "c", "a", "b" })
        {
            await lab.PushImageAsync("paged/repo", tag);
        }

        using var first = await lab.Client.GetAsync("/v2/paged/repo/tags/list?n=2");
        using var second = await lab.Client.GetAsync("/v2/paged/repo/tags/list?n=2&last=b");

        Assert.Equal("{\"name\":\"paged/repo\",\"tags\":[\"a\",\"b\"]}\n", await first.Content.ReadAsStringAsync());
        Assert.Equal("</v2/paged/repo/tags/list?last=b&n=2>; rel=\"next\"", first.Headers.GetValues("Link").Single());
        Assert.Equal("{\"name\":\"paged/repo\",\"tags\":[\"c\"]}\n", await second.Content.ReadAsStringAsync());
        Assert.False(second.Headers.Contains("Link"));
    }

    [Fact]
    public async Task TagsList_UnknownRepository_ReturnsNameUnknown()
    {
        await using var lab = await TestLab.StartAsync();

        using var response = await lab.Client.GetAsync("/v2/no/such/repo/tags/list");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\",\"detail\":{\"name\":\"no/such/repo\"}}]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TagsList_InvalidN_ReturnsPaginationNumberInvalid()
    {
        await using var lab = await TestLab.StartAsync();
        await lab.PushImageAsync("n", "v1");

        using var response = await lab.Client.GetAsync("/v2/n/tags/list?n=many");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"PAGINATION_NUMBER_INVALID\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Catalog_MultiLevelNames_ListedSortedAndPaged()
    {
        await using var lab = await TestLab.StartAsync();
        await lab.PushImageAsync("group/project/image", "v1");
        await lab.PushImageAsync("group/project", "v1");
        await lab.PushImageAsync("alpine", "v1");

        using var all = await lab.Client.GetAsync("/v2/_catalog");
        using var page = await lab.Client.GetAsync("/v2/_catalog?n=1&last=alpine");

        Assert.Equal("{\"repositories\":[\"alpine\",\"group/project\",\"group/project/image\"]}\n", await all.Content.ReadAsStringAsync());
        Assert.Equal("{\"repositories\":[\"group/project\"]}\n", await page.Content.ReadAsStringAsync());
        Assert.Equal("</v2/_catalog?last=group%2Fproject&n=1>; rel=\"next\"", page.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task Base_Get_Returns200EmptyJsonWithApiVersion()
    {
        await using var lab = await TestLab.StartAsync();

        using var response = await lab.Client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Equal("registry/2.0", response.Headers.GetValues("Docker-Distribution-API-Version").Single());
    }

    [Fact]
    public async Task UnknownPath_Returns404PageNotFoundText()
    {
        await using var lab = await TestLab.StartAsync();

        using var response = await lab.Client.GetAsync("/v2/UPPER/tags/list");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 page not found\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("registry/2.0", response.Headers.GetValues("Docker-Distribution-API-Version").Single());
    }

    [Fact]
    public async Task NameLongerThan255_ReturnsNameInvalid()
    {
        await using var lab = await TestLab.StartAsync();
        var name = string.Join('/', Enumerable.Repeat("abcdefghij", 26));

        using var response = await lab.Client.GetAsync($"/v2/{name}/tags/list");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"NAME_INVALID\",\"message\":\"invalid repository name\"", await response.Content.ReadAsStringAsync());
    }
}
