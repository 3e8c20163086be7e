using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Handlers;

namespace RegDiag.Lab.Debug;

/// <summary>
/// The debug server (distribution's http.debug.addr): /debug/health (200 {} or 503 with failing checks),
/// /debug/vars (expvar-style, with a registry section) and /metrics (Prometheus text).
/// </summary>
internal sealed class DebugEndpoints(LabServices services)
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public async Task HandleAsync(HttpContext http)
    {
        switch (http.Request.Path.Value)
        {
            case "/debug/health":
                await HealthAsync(http);
                break;
            case "/debug/health/down" or "/debug/health/up" when HttpMethods.IsPost(http.Request.Method):
                services.Health.SetManualDown(http.Request.Path.Value!.EndsWith("/down", StringComparison.Ordinal));
                http.Response.StatusCode = 200;
                break;
            case "/debug/vars":
                await VarsAsync(http);
                break;
            case "/metrics":
                http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await http.Response.WriteAsync(services.Metrics.Render(), http.RequestAborted);
                break;
            default:
                await PlainResponses.NotFoundAsync(http.Response);
                break;
        }
    }

    private async Task HealthAsync(HttpContext http)
    {
        var failures = await services.Health.CheckAsync(http.RequestAborted);
        http.Response.StatusCode = failures.Count == 0 ? 200 : 503;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(JsonSerializer.Serialize(failures) + "\n", http.RequestAborted);
    }

    private async Task VarsAsync(HttpContext http)
    {
        var process = Process.GetCurrentProcess();
        var vars = new JsonObject
        {
            ["cmdline"] = new JsonArray(Environment.GetCommandLineArgs().Select(a => (JsonNode)a).ToArray()),
            ["memstats"] = new JsonObject
            {
                ["Alloc"] = GC.GetTotalMemory(false),
                ["Sys"] = process.WorkingSet64,
                ["NumGC"] = GC.CollectionCount(0),
            },
            ["registry"] = new JsonObject
            {
                ["storage"] = new JsonObject { ["driver"] = services.Driver.Name },
                ["requests"] = services.Metrics.RequestCount,
                ["scenarios"] = new JsonArray(services.Scenarios.Names.Order().Select(n => (JsonNode)n).ToArray()),
                ["notifications"] = new JsonObject { ["endpoints"] = new JsonArray() },
                ["uptime_seconds"] = (long)(DateTimeOffset.UtcNow - _started).TotalSeconds,
            },
        };
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(vars.ToJsonString() + "\n", http.RequestAborted);
    }
}
