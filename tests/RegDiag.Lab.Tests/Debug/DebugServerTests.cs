using System.Net;
using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Tests.Support;

namespace RegDiag.Lab.Tests.Debug;

public sealed class DebugServerTests
{
    [Fact]
    public async Task Health_Healthy_Returns200EmptyObject()
    {
        await using var lab = await TestLab.StartAsync();

        using var response = await lab.Client.GetAsync(new Uri(lab.Lab.DebugUri, "/debug/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task DebugUnhealthy_HealthNamesStorageCheckAndApiAnswers503Unavailable()
    {
        await using var lab = await TestLab.StartAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome,
            Scenarios = [LabScenarios.DebugUnhealthy],
        });

        using var health = await lab.Client.GetAsync(new Uri(lab.Lab.DebugUri, "/debug/health"));
        using var api = await lab.Client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"storagedriver_filesystem\":", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\",\"detail\":\"health check failed: please see /debug/health\"}]}\n",
            await api.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_AfterRequests_CountsThemUnderDistributionNames()
    {
        await using var lab = await TestLab.StartAsync();
        (await lab.Client.GetAsync("/v2/")).Dispose();
        (await lab.Client.GetAsync($"/v2/x/blobs/{Digests.Sha256([1])}")).Dispose();

        var metrics = await lab.Client.GetStringAsync(new Uri(lab.Lab.DebugUri, "/metrics"));

        Assert.Contains("registry_http_requests_total{code=\"200\",handler=\"base\",method=\"get\"} 1", metrics);
        Assert.Contains("registry_http_requests_total{code=\"404\",handler=\"blob\",method=\"get\"} 1", metrics);
        Assert.Contains("registry_http_request_duration_seconds_count{method=\"get\"} 2", metrics);
    }

    [Fact]
    public async Task HealthDown_ManualCheck_FailsHealthAndApiUntilUp()
    {
        await using var lab = await TestLab.StartAsync();

        (await lab.Client.PostAsync(new Uri(lab.Lab.DebugUri, "/debug/health/down"), null)).Dispose();
        using var down = await lab.Client.GetAsync(new Uri(lab.Lab.DebugUri, "/debug/health"));
        using var apiDown = await lab.Client.GetAsync("/v2/");
        (await lab.Client.PostAsync(new Uri(lab.Lab.DebugUri, "/debug/health/up"), null)).Dispose();
        using var apiUp = await lab.Client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("{\"manual_http_status\":\"Manual Check\"}", (await down.Content.ReadAsStringAsync()).Trim());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, apiDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apiUp.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterPush_TimesStorageActions()
    {
        await using var lab = await TestLab.StartAsync();
        await lab.PushBlobAsync("m", [1, 2, 3]);

        var metrics = await lab.Client.GetStringAsync(new Uri(lab.Lab.DebugUri, "/metrics"));

        Assert.Contains("registry_storage_action_seconds_count{action=\"Move\",driver=\"filesystem\"} 1", metrics);
        Assert.Contains("registry_storage_action_seconds_bucket{action=\"PutContent\",driver=\"filesystem\",le=\"+Inf\"}", metrics);
    }

    [Fact]
    public async Task Vars_ContainsRegistrySection()
    {
        await using var lab = await TestLab.StartAsync(o => new LabOptions { RegDiagHome = o.RegDiagHome, Scenarios = [LabScenarios.SlowStorage] });

        var vars = await lab.Client.GetStringAsync(new Uri(lab.Lab.DebugUri, "/debug/vars"));

        Assert.Contains("\"registry\":{", vars);
        Assert.Contains("\"scenarios\":[\"slow-storage\"]", vars);
        Assert.Contains("\"cmdline\":", vars);
    }
}
