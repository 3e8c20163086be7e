using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Errors;
using RegDiag.Lab.Registry;

namespace RegDiag.Lab.Handlers;

/// <summary>
/// /v2/&lt;name&gt;/manifests/&lt;reference&gt;: GET/HEAD with content negotiation as distribution does (an
/// OCI manifest or index is MANIFEST_UNKNOWN to a client whose Accept lacks its type), PUT with checks that
/// every referenced blob is in the repository (MANIFEST_BLOB_UNKNOWN), DELETE by digest or tag.
/// </summary>
internal static class ManifestHandler
{
    /// <summary>distribution's maxManifestBodySize.</summary>
    private const int MaxManifestBytes = 4 << 20;

    public static Task HandleAsync(RequestContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return GetAsync(context);
        }
        if (HttpMethods.IsPut(method))
        {
            return PutAsync(context);
        }
        if (HttpMethods.IsDelete(method))
        {
            return DeleteAsync(context);
        }
        return PlainResponses.MethodNotAllowedAsync(context.Response, "GET", "HEAD", "PUT", "DELETE");
    }

    private static async Task GetAsync(RequestContext context)
    {
        var manifests = context.Services.Manifests;
        var reference = context.Route.Reference!;
        Digest digest;
        if (Digest.TryParse(reference, out var byDigest))
        {
            digest = byDigest;
        }
        else if (reference.Contains(':'))
        {
            context.Fail(ErrorCodes.DigestInvalid, "digest parsing failed");
            return;
        }
        else if (await manifests.ResolveTagAsync(context.Name, reference, context.Aborted) is { } tagged)
        {
            digest = tagged;
        }
        else
        {
            context.Fail(ErrorCodes.ManifestUnknown, new Dictionary<string, string> { ["Tag"] = reference });
            return;
        }
        var etag = $"\"{digest}\"";
        if (context.Request.Headers.IfNoneMatch.Any(v => v == etag || v == digest.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var content = await manifests.GetAsync(context.Name, digest, context.Aborted);
        if (content == null)
        {
            context.Fail(ErrorCodes.ManifestUnknown, new Dictionary<string, string> { ["Revision"] = digest.ToString() });
            return;
        }
        var (parsed, _) = ParsedManifest.Parse(content, null);
        var mediaType = parsed?.MediaType ?? MediaTypes.DockerManifest;
        var accepted = Accepted(context.Request);
        if (mediaType == MediaTypes.OciManifest && !accepted.Contains(MediaTypes.OciManifest))
        {
            context.Errors.Add(RegistryError.Of(ErrorCodes.ManifestUnknown)
                .WithMessage("OCI manifest found, but accept header does not support OCI manifests"));
            return;
        }
        if (mediaType == MediaTypes.OciIndex && !accepted.Contains(MediaTypes.OciIndex))
        {
            context.Errors.Add(RegistryError.Of(ErrorCodes.ManifestUnknown)
                .WithMessage("OCI index found, but accept header does not support OCI indexes"));
            return;
        }
        var response = context.Response;
        response.ContentType = mediaType;
        response.ContentLength = content.Length;
        response.Headers["Docker-Content-Digest"] = digest.ToString();
        response.Headers.ETag = etag;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await response.Body.WriteAsync(content, context.Aborted);
        }
    }

    private static HashSet<string> Accepted(HttpRequest request)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in request.Headers.Accept)
        {
            foreach (var part in (header ?? "").Split(','))
            {
                result.Add(part.Split(';')[0].Trim());
            }
        }
        return result;
    }

    private static async Task PutAsync(RequestContext context)
    {
        var reference = context.Route.Reference!;
        var content = await ReadBodyAsync(context.Request, context.Aborted);
        if (content == null)
        {
            context.Fail(ErrorCodes.ManifestInvalid, $"manifest larger than {MaxManifestBytes} bytes");
            return;
        }
        var (parsed, error) = ParsedManifest.Parse(content, context.Request.ContentType);
        if (parsed == null)
        {
            context.Fail(ErrorCodes.ManifestInvalid, error);
            return;
        }
        var actual = Digest.Sha256(content);
        string? tag = null;
        if (Digest.TryParse(reference, out var expected))
        {
            var computed = expected.Algorithm == actual.Algorithm ? actual : Digest.Compute(expected.Algorithm, content);
            if (computed != expected)
            {
                context.Fail(ErrorCodes.DigestInvalid, $"manifest digest {computed} does not match {expected}");
                return;
            }
        }
        else if (reference.Contains(':'))
        {
            context.Fail(ErrorCodes.DigestInvalid, "digest parsing failed");
            return;
        }
        else
        {
            tag = reference;
        }
        foreach (var blob in parsed.Blobs)
        {
            if (await context.Services.Blobs.StatAsync(context.Name, blob, context.Aborted) == null)
            {
                context.Fail(ErrorCodes.ManifestBlobUnknown, blob.ToString());
            }
        }
        foreach (var child in parsed.Manifests)
        {
            if (await context.Services.Manifests.GetAsync(context.Name, child, context.Aborted) == null)
            {
                context.Fail(ErrorCodes.ManifestBlobUnknown, child.ToString());
            }
        }
        if (context.Errors.Count > 0)
        {
            return;
        }
        var digest = await context.Services.Manifests.PutAsync(context.Name, content, tag, context.Aborted);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.Headers.Location = context.Url($"/v2/{context.Name}/manifests/{digest}");
        response.Headers["Docker-Content-Digest"] = digest.ToString();
        if (parsed.Subject != null)
        {
            response.Headers["OCI-Subject"] = parsed.Subject.ToString();
        }
        response.ContentLength = 0;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxManifestBytes)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }

    private static async Task DeleteAsync(RequestContext context)
    {
        var reference = context.Route.Reference!;
        var manifests = context.Services.Manifests;
        bool deleted;
        if (Digest.TryParse(reference, out var digest))
        {
            deleted = await manifests.DeleteAsync(context.Name, digest, context.Aborted);
        }
        else
        {
            deleted = await manifests.DeleteTagAsync(context.Name, reference, context.Aborted);
        }
        if (!deleted)
        {
            context.Fail(ErrorCodes.ManifestUnknown);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentLength = 0;
    }
}
