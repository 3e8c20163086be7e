using Microsoft.AspNetCore.Http;

namespace RegDiag.Lab.Handlers;

/// <summary>GET /v2/: the API version check; 200 with {} once the client is authorised.</summary>
internal static class BaseHandler
{
    public static async Task HandleAsync(RequestContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await PlainResponses.MethodNotAllowedAsync(context.Response, "GET", "HEAD");
            return;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = 2;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.WriteAsync("{}", context.Aborted);
        }
    }
}
