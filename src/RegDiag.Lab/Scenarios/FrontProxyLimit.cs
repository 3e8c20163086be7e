using System.Text;
using Microsoft.AspNetCore.Http;

namespace RegDiag.Lab.Scenarios;

/// <summary>
/// The body-too-large scenario: an nginx with client_max_body_size in front of the registry. Bodies above
/// the limit get nginx's own 413 HTML page (not the registry's JSON), which is what clients then misparse.
/// </summary>
internal static class FrontProxyLimit
{
    private static readonly byte[] Page = Encoding.ASCII.GetBytes(
        "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
        + "<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");

    /// <summary>True when the request was answered with 413; otherwise its body is buffered and left for the registry.</summary>
    public static async Task<bool> RejectIfTooLargeAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength is { } length)
        {
            if (length <= limit)
            {
                return false;
            }
        }
        else if (request.Headers.TransferEncoding.Count > 0)
        {
            // nginx counts a chunked body as it arrives; buffer up to the limit to decide the same way.
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    break;
                }
            }
            if (buffer.Length <= limit)
            {
                buffer.Position = 0;
                request.Body = buffer;
                return false;
            }
        }
        else
        {
            return false;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status413RequestEntityTooLarge;
        response.ContentType = "text/html";
        response.Headers.Server = "nginx";
        response.Headers.Connection = "close";
        response.ContentLength = Page.Length;
        await response.Body.WriteAsync(Page, context.RequestAborted);
        return true;
    }
}
