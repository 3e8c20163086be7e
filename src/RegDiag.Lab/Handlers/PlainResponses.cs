using System.Text;
using Microsoft.AspNetCore.Http;

namespace RegDiag.Lab.Handlers;

/// <summary>The non-JSON answers Go's net/http and gorilla produce for unknown paths and methods.</summary>
internal static class PlainResponses
{
    public static Task NotFoundAsync(HttpResponse response) => TextAsync(response, 404, "404 page not found\n");

    public static Task MethodNotAllowedAsync(HttpResponse response, params string[] allowed)
    {
        response.Headers.Allow = string.Join(", ", allowed);
        return TextAsync(response, 405, "Method not allowed\n");
    }

    public static async Task TextAsync(HttpResponse response, int status, string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            await response.Body.WriteAsync(body);
        }
    }
}
