using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Errors;
using RegDiag.Lab.Registry;

namespace RegDiag.Lab.Handlers;

/// <summary>
/// /v2/&lt;name&gt;/blobs/uploads/[&lt;uuid&gt;]: the upload protocol as distribution implements it.
/// <code>
/// POST   uploads/                 202 Location (uuid + _state), Range 0-0     (new session)
/// POST   uploads/?digest=D        201 (monolithic, body = the blob)
/// POST   uploads/?mount=D&amp;from=R  201 when R holds D, else a new session (202)
/// PATCH  uploads/U?_state=S       202 Range 0-(size-1); Content-Range must start at size (else 416)
/// PUT    uploads/U?_state=S&amp;digest=D  201, or DIGEST_INVALID when the bytes do not hash to D
/// GET    uploads/U                204 with Range (status)       DELETE uploads/U  204 (cancel)
/// </code>
/// </summary>
internal static partial class BlobUploadHandler
{
    [GeneratedRegex("^([0-9]+)-([0-9]+)$")]
    private static partial Regex ContentRange();

    public static async Task HandleAsync(RequestContext context)
    {
        var method = context.Request.Method;
        if (context.Route.Kind == Routing.RouteKind.BlobUpload)
        {
            if (!HttpMethods.IsPost(method))
            {
                await PlainResponses.MethodNotAllowedAsync(context.Response, "POST");
                return;
            }
            await StartAsync(context);
            return;
        }
        var uuid = context.Route.Reference!;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            await StatusAsync(context, uuid);
            return;
        }
        if (!HttpMethods.IsPatch(method) && !HttpMethods.IsPut(method) && !HttpMethods.IsDelete(method))
        {
            await PlainResponses.MethodNotAllowedAsync(context.Response, "GET", "HEAD", "PATCH", "PUT", "DELETE");
            return;
        }
        var size = await ResumeAsync(context, uuid);
        if (size == null)
        {
            return;
        }
        if (HttpMethods.IsPatch(method))
        {
            await PatchAsync(context, uuid, size.Value);
        }
        else if (HttpMethods.IsPut(method))
        {
            await CompleteAsync(context, uuid);
        }
        else
        {
            await context.Services.Uploads.CancelAsync(context.Name, uuid, context.Aborted);
            context.Response.Headers["Docker-Upload-UUID"] = uuid;
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    private static async Task StartAsync(RequestContext context)
    {
        var query = context.Request.Query;
        var mount = query["mount"].ToString();
        var from = query["from"].ToString();
        if (mount.Length > 0 && from.Length > 0 && Digest.TryParse(mount, out var mountDigest)
            && Routing.NameGrammar.NameRegex().IsMatch(from)
            && await context.Services.Blobs.StatAsync(from, mountDigest, context.Aborted) != null)
        {
            await context.Services.Blobs.LinkAsync(context.Name, mountDigest, context.Aborted);
            WriteCreated(context, mountDigest);
            return;
        }
        var (uuid, startedAt) = await context.Services.Uploads.CreateAsync(context.Name, context.Aborted);
        var monolithic = query["digest"].ToString();
        if (monolithic.Length > 0)
        {
            await CommitAsync(context, uuid, monolithic, context.Request.Body);
            return;
        }
        WriteUploadHeaders(context, uuid, 0, startedAt);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task StatusAsync(RequestContext context, string uuid)
    {
        var size = await context.Services.Uploads.SizeAsync(context.Name, uuid, context.Aborted);
        if (size == null)
        {
            context.Fail(ErrorCodes.BlobUploadUnknown, "blob upload unknown");
            return;
        }
        WriteUploadHeaders(context, uuid, size.Value, DateTimeOffset.UtcNow);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Checks the _state token against the session, as distribution's ResumeBlobUpload does; null after an error.</summary>
    private static async Task<long?> ResumeAsync(RequestContext context, string uuid)
    {
        var (state, error) = context.Services.UploadStates.Unpack(context.Request.Query["_state"].ToString());
        if (state == null)
        {
            context.Fail(ErrorCodes.BlobUploadInvalid, error);
            return null;
        }
        if (state.Name != context.Name || state.Uuid != uuid)
        {
            context.Fail(ErrorCodes.BlobUploadInvalid);
            return null;
        }
        var size = await context.Services.Uploads.SizeAsync(context.Name, uuid, context.Aborted);
        if (size == null)
        {
            context.Fail(ErrorCodes.BlobUploadUnknown, "blob upload unknown");
            return null;
        }
        if (size.Value != state.Offset)
        {
            context.Fail(ErrorCodes.RangeInvalid);
            return null;
        }
        return size;
    }

    private static async Task PatchAsync(RequestContext context, string uuid, long size)
    {
        var contentType = context.Request.ContentType;
        if (!string.IsNullOrEmpty(contentType) && contentType != MediaTypes.OctetStream)
        {
            context.Fail(ErrorCodes.Unknown, "bad Content-Type");
            return;
        }
        var contentRange = context.Request.Headers.ContentRange.ToString();
        var contentLength = context.Request.ContentLength;
        if (contentRange.Length > 0 && contentLength != null)
        {
            var match = ContentRange().Match(contentRange);
            if (!match.Success)
            {
                context.Fail(ErrorCodes.Unknown, $"invalid content range: {contentRange}");
                return;
            }
            var start = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var end = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (start > end || start != size)
            {
                context.Fail(ErrorCodes.RangeInvalid);
                return;
            }
            if (contentLength.Value != end - start + 1)
            {
                context.Fail(ErrorCodes.SizeInvalid);
                return;
            }
        }
        var newSize = await context.Services.Uploads.AppendAsync(context.Name, uuid, context.Request.Body, context.Aborted);
        WriteUploadHeaders(context, uuid, newSize, DateTimeOffset.UtcNow);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static Task CompleteAsync(RequestContext context, string uuid) =>
        CommitAsync(context, uuid, context.Request.Query["digest"].ToString(), context.Request.Body);

    private static async Task CommitAsync(RequestContext context, string uuid, string digestText, Stream body)
    {
        if (digestText.Length == 0)
        {
            context.Fail(ErrorCodes.DigestInvalid, "digest missing");
            return;
        }
        if (!Digest.TryParse(digestText, out var digest))
        {
            context.Fail(ErrorCodes.DigestInvalid, "digest parsing failed");
            return;
        }
        var result = await context.Services.Uploads.CompleteAsync(context.Name, uuid, digest, body, context.Aborted);
        if (!result.Ok)
        {
            context.Fail(ErrorCodes.DigestInvalid, $"invalid digest for referenced layer: {digest}, content does not match digest");
            return;
        }
        WriteCreated(context, digest);
    }

    private static void WriteCreated(RequestContext context, Digest digest)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = context.Url($"/v2/{context.Name}/blobs/{digest}");
        context.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        context.Response.ContentLength = 0;
    }

    private static void WriteUploadHeaders(RequestContext context, string uuid, long size, DateTimeOffset startedAt)
    {
        var state = context.Services.UploadStates.Pack(new UploadState(context.Name, uuid, size, startedAt));
        context.Response.Headers["Docker-Upload-UUID"] = uuid;
        context.Response.Headers.Location = context.Url($"/v2/{context.Name}/blobs/uploads/{uuid}?_state={Uri.EscapeDataString(state)}");
        context.Response.Headers.Range = $"0-{Math.Max(size - 1, 0)}";
        context.Response.ContentLength = 0;
    }
}
