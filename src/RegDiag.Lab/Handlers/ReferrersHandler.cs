using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Errors;
using RegDiag.Lab.Registry;

namespace RegDiag.Lab.Handlers;

/// <summary>
/// GET /v2/&lt;name&gt;/referrers/&lt;digest&gt; (OCI distribution 1.1): an image index of the manifests
/// whose subject is the digest, optionally filtered by ?artifactType= (then OCI-Filters-Applied is set).
/// </summary>
internal static class ReferrersHandler
{
    public static async Task HandleAsync(RequestContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await PlainResponses.MethodNotAllowedAsync(context.Response, "GET");
            return;
        }
        if (!Digest.TryParse(context.Route.Reference, out var subject))
        {
            context.Fail(ErrorCodes.DigestInvalid, "digest parsing failed");
            return;
        }
        var filter = context.Request.Query["artifactType"].ToString();
        var descriptors = new List<Dictionary<string, object>>();
        var manifests = context.Services.Manifests;
        foreach (var revision in await manifests.RevisionsAsync(context.Name, context.Aborted))
        {
            var content = await manifests.GetAsync(context.Name, revision, context.Aborted);
            if (content == null)
            {
                continue;
            }
            var (parsed, _) = ParsedManifest.Parse(content, null);
            if (parsed?.Subject != subject)
            {
                continue;
            }
            var artifactType = parsed.ArtifactType ?? parsed.ConfigMediaType;
            if (filter.Length > 0 && artifactType != filter)
            {
                continue;
            }
            var descriptor = new Dictionary<string, object>
            {
                ["mediaType"] = parsed.MediaType,
                ["digest"] = revision.ToString(),
                ["size"] = content.Length,
            };
            if (artifactType != null)
            {
                descriptor["artifactType"] = artifactType;
            }
            if (parsed.Annotations is { } annotations)
            {
                descriptor["annotations"] = annotations;
            }
            descriptors.Add(descriptor);
        }
        if (filter.Length > 0)
        {
            context.Response.Headers["OCI-Filters-Applied"] = "artifactType";
        }
        context.Response.ContentType = MediaTypes.OciIndex;
        var index = new { schemaVersion = 2, mediaType = MediaTypes.OciIndex, manifests = descriptors };
        await context.Response.WriteAsync(JsonSerializer.Serialize(index) + "\n", context.Aborted);
    }
}
