using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Errors;
using RegDiag.Lab.Registry;

namespace RegDiag.Lab.Handlers;

/// <summary>
/// /v2/&lt;name&gt;/blobs/&lt;digest&gt;: HEAD and GET (with Range, or a 307 to storage when the driver
/// can redirect), DELETE (unlinks the blob from the repository).
/// </summary>
internal static class BlobHandler
{
    public static async Task HandleAsync(RequestContext context)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsDelete(method))
        {
            await PlainResponses.MethodNotAllowedAsync(context.Response, "GET", "HEAD", "DELETE");
            return;
        }
        if (!Digest.TryParse(context.Route.Reference, out var digest))
        {
            context.Fail(ErrorCodes.DigestInvalid, "digest parsing failed");
            return;
        }
        if (HttpMethods.IsDelete(method))
        {
            if (!await context.Services.Blobs.UnlinkAsync(context.Name, digest, context.Aborted))
            {
                context.Fail(ErrorCodes.BlobUnknown, digest.ToString());
                return;
            }
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.ContentLength = 0;
            return;
        }
        var size = await context.Services.Blobs.StatAsync(context.Name, digest, context.Aborted);
        if (size == null)
        {
            context.Fail(ErrorCodes.BlobUnknown, digest.ToString());
            return;
        }
        if (!context.Services.Options.NoRedirect)
        {
            var redirect = await context.Services.Driver.RedirectUrlAsync(method, StoragePaths.BlobData(digest), context.Aborted);
            if (redirect != null)
            {
                await RedirectAsync(context.Response, redirect);
                return;
            }
        }
        await ServeAsync(context, digest, size.Value);
    }

    /// <summary>What Go's http.Redirect writes for a 307: Location, and a short HTML body on GET.</summary>
    private static async Task RedirectAsync(HttpResponse response, Uri location)
    {
        response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        response.Headers.Location = location.AbsoluteUri;
        if (HttpMethods.IsGet(response.HttpContext.Request.Method))
        {
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync($"<a href=\"{System.Net.WebUtility.HtmlEncode(location.AbsoluteUri)}\">Temporary Redirect</a>.\n\n");
        }
    }

    private static async Task ServeAsync(RequestContext context, Digest digest, long size)
    {
        var response = context.Response;
        response.Headers.ETag = $"\"{digest}\"";
        response.Headers.CacheControl = "max-age=31536000";
        response.Headers["Docker-Content-Digest"] = digest.ToString();
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = MediaTypes.OctetStream;
        var (start, length, status) = ResolveRange(context.Request, size);
        if (status == StatusCodes.Status416RangeNotSatisfiable)
        {
            response.StatusCode = status;
            response.Headers.ContentRange = $"bytes */{size}";
            response.ContentLength = 0;
            return;
        }
        response.StatusCode = status;
        response.ContentLength = length;
        if (status == StatusCodes.Status206PartialContent)
        {
            response.Headers.ContentRange = $"bytes {start}-{start + length - 1}/{size}";
        }
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        await using var stream = await context.Services.Blobs.OpenAsync(digest, start, context.Aborted);
        var buffer = new byte[81920];
        var left = length;
        while (left > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), context.Aborted);
            if (read == 0)
            {
                break;
            }
            await response.Body.WriteAsync(buffer.AsMemory(0, read), context.Aborted);
            left -= read;
        }
    }

    /// <summary>One byte range as http.ServeContent handles it: 206, whole body (200) or 416.</summary>
    private static (long Start, long Length, int Status) ResolveRange(HttpRequest request, long size)
    {
        var header = request.GetTypedHeaders().Range;
        if (header == null || header.Unit != "bytes" || header.Ranges.Count != 1)
        {
            return (0, size, StatusCodes.Status200OK);
        }
        var range = header.Ranges.First();
        long start;
        long end;
        if (range.From == null)
        {
            var suffix = Math.Min(range.To ?? 0, size);
            if (suffix <= 0)
            {
                return (0, 0, StatusCodes.Status416RangeNotSatisfiable);
            }
            start = size - suffix;
            end = size - 1;
        }
        else
        {
            start = range.From.Value;
            end = Math.Min(range.To ?? size - 1, size - 1);
        }
        if (start >= size || start > end)
        {
            return (0, 0, StatusCodes.Status416RangeNotSatisfiable);
        }
        return (start, end - start + 1, StatusCodes.Status206PartialContent);
    }
}
