using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Errors;

namespace RegDiag.Lab.Handlers;

/// <summary>GET /v2/&lt;name&gt;/tags/list with n/last paging; NAME_UNKNOWN for a repository that does not exist.</summary>
internal static class TagsHandler
{
    public static async Task HandleAsync(RequestContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await PlainResponses.MethodNotAllowedAsync(context.Response, "GET");
            return;
        }
        var tags = await context.Services.Manifests.TagsAsync(context.Name, context.Aborted);
        if (tags == null)
        {
            context.Fail(ErrorCodes.NameUnknown, new Dictionary<string, string> { ["name"] = context.Name });
            return;
        }
        if (!Paging.TryPage(context, tags, int.MaxValue, $"/v2/{context.Name}/tags/list", out var page))
        {
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { name = context.Name, tags = page }) + "\n", context.Aborted);
    }
}
