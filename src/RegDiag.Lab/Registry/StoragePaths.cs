namespace RegDiag.Lab.Registry;

/// <summary>
/// distribution's storage layout (registry/storage/paths.go), so a driver sees the same keys the real
/// registry writes: blobs by digest, per-repository links, tags and upload sessions.
/// </summary>
internal static class StoragePaths
{
    public const string Root = "/docker/registry/v2";
    public const string Repositories = Root + "/repositories";

    public static string BlobData(Digest digest) => $"{Root}/blobs/{digest.Algorithm}/{digest.Hex[..2]}/{digest.Hex}/data";

    public static string Repository(string name) => $"{Repositories}/{name}";

    public static string LayerLink(string name, Digest digest) => $"{Repository(name)}/_layers/{digest.Algorithm}/{digest.Hex}/link";

    public static string ManifestRevisions(string name) => $"{Repository(name)}/_manifests/revisions";

    public static string ManifestRevisionLink(string name, Digest digest) =>
        $"{ManifestRevisions(name)}/{digest.Algorithm}/{digest.Hex}/link";

    public static string Tags(string name) => $"{Repository(name)}/_manifests/tags";

    public static string Tag(string name, string tag) => $"{Tags(name)}/{tag}";

    public static string TagCurrentLink(string name, string tag) => $"{Tag(name, tag)}/current/link";

    public static string TagIndexLink(string name, string tag, Digest digest) =>
        $"{Tag(name, tag)}/index/{digest.Algorithm}/{digest.Hex}/link";

    public static string Upload(string name, string uuid) => $"{Repository(name)}/_uploads/{uuid}";

    public static string UploadData(string name, string uuid) => $"{Upload(name, uuid)}/data";

    public static string UploadStartedAt(string name, string uuid) => $"{Upload(name, uuid)}/startedat";
}
