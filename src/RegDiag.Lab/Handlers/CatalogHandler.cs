using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RegDiag.Lab.Handlers;

/// <summary>GET /v2/_catalog with n/last paging (distribution's catalog.maxentries default 1000).</summary>
internal static class CatalogHandler
{
    public const int MaxEntries = 1000;

    public static async Task HandleAsync(RequestContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await PlainResponses.MethodNotAllowedAsync(context.Response, "GET");
            return;
        }
        var repositories = await context.Services.Catalog.RepositoriesAsync(context.Aborted);
        if (!Paging.TryPage(context, repositories, MaxEntries, "/v2/_catalog", out var page))
        {
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { repositories = page }) + "\n", context.Aborted);
    }
}
