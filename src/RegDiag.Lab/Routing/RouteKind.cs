namespace RegDiag.Lab.Routing;

/// <summary>The registry API resources, named like distribution's route names (and its metrics' handler label).</summary>
internal enum RouteKind
{
    Base,
    Catalog,
    Tags,
    Manifest,
    Blob,
    BlobUpload,
    BlobUploadChunk,
    Referrers,
}
