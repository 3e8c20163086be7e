using System.Text.Json;
using System.Text.Json.Nodes;

namespace RegDiag.Lab.Tests.Support;

/// <summary>Manifest documents for API tests.</summary>
internal static class Manifests
{
    public const string OciManifestType = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndexType = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifestType = "application/vnd.docker.distribution.manifest.v2+json";

    public static byte[] Oci(string configDigest, long configSize, IEnumerable<(string Digest, long Size)> layers,
        string? subject = null, string? artifactType = null)
    {
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciManifestType,
            ["config"] = new JsonObject
            {
                ["mediaType"] = artifactType ?? "application/vnd.oci.image.config.v1+json",
                ["digest"] = configDigest,
                ["size"] = configSize,
            },
            ["layers"] = new JsonArray(layers.Select(l => (JsonNode)new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip",
                ["digest"] = l.Digest,
                ["size"] = l.Size,
            }).ToArray()),
        };
        if (subject != null)
        {
            manifest["subject"] = new JsonObject { ["mediaType"] = OciManifestType, ["digest"] = subject, ["size"] = 100 };
        }
        return JsonSerializer.SerializeToUtf8Bytes(manifest);
    }

    public static byte[] Docker(string configDigest, long configSize, IEnumerable<(string Digest, long Size)> layers) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = DockerManifestType,
            config = new { mediaType = "application/vnd.docker.container.image.v1+json", size = configSize, digest = configDigest },
            layers = layers.Select(l => new { mediaType = "application/vnd.docker.image.rootfs.diff.tar.gzip", size = l.Size, digest = l.Digest }),
        });

    public static byte[] Index(IEnumerable<(string Digest, long Size)> manifests) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = OciIndexType,
            manifests = manifests.Select(m => new
            {
                mediaType = OciManifestType,
                digest = m.Digest,
                size = m.Size,
                platform = new { architecture = "amd64", os = "linux" },
            }),
        });
}
