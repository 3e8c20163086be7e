namespace RegDiag.Lab.Routing;

/// <summary>A matched API path: the resource, the repository name and the trailing variable (reference, digest or upload id).</summary>
internal sealed record RouteMatch(RouteKind Kind, string? Name, string? Reference)
{
    /// <summary>The handler label distribution's metrics and logs use.</summary>
    public string HandlerLabel => Kind switch
    {
        RouteKind.Base => "base",
        RouteKind.Catalog => "catalog",
        RouteKind.Tags => "tags",
        RouteKind.Manifest => "manifest",
        RouteKind.Blob => "blob",
        RouteKind.BlobUpload => "blob_upload",
        RouteKind.BlobUploadChunk => "blob_upload_chunk",
        RouteKind.Referrers => "referrers",
        _ => "unknown",
    };
}
