using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace RegDiag.Testing;

/// <summary>
/// Writes an OCI image layout (oci-layout, index.json, blobs/sha256/...) with real gzip'd tar layers, the
/// input skopeo copies from with oci:DIR:TAG.
/// </summary>
public static class OciImageLayout
{
    public sealed record Image(string Directory, string Tag, string ManifestDigest, IReadOnlyList<string> LayerDigests, string ConfigDigest);

    /// <summary>An image with one layer per given size (bytes of random file content, so gzip cannot shrink them).</summary>
    public static Image Write(string directory, string tag, params int[] layerSizes)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var layers = new List<object>();
        var layerDigests = new List<string>();
        var diffIds = new List<string>();
        for (var i = 0; i < layerSizes.Length; i++)
        {
            var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, $"layer{i}/data.bin")
                {
                    DataStream = new MemoryStream(RandomNumberGenerator.GetBytes(layerSizes[i])),
                };
                writer.WriteEntry(entry);
            }
            diffIds.Add(Digest(tar.ToArray()));
            var gz = new MemoryStream();
            using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(tar.ToArray());
            }
            var digest = WriteBlob(blobs, gz.ToArray());
            layerDigests.Add(digest);
            layers.Add(new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest, size = gz.Length });
        }
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = "amd64",
            os = "linux",
            config = new { },
            rootfs = new { type = "layers", diff_ids = diffIds },
        });
        var configDigest = WriteBlob(blobs, config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = "application/vnd.oci.image.manifest.v1+json",
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = configDigest, size = config.Length },
            layers,
        });
        var manifestDigest = WriteBlob(blobs, manifest);
        var index = new
        {
            schemaVersion = 2,
            manifests = new[]
            {
                new
                {
                    mediaType = "application/vnd.oci.image.manifest.v1+json",
                    digest = manifestDigest,
                    size = manifest.Length,
                    annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = tag },
                },
            },
        };
        File.WriteAllText(Path.Combine(directory, "index.json"), JsonSerializer.Serialize(index));
        return new Image(directory, tag, manifestDigest, layerDigests, configDigest);
    }

    /// <summary>Reads the manifest digest an OCI layout (e.g. one skopeo pulled into) holds for a tag.</summary>
    public static string ManifestDigest(string directory, string tag)
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "index.json")));
        return index.RootElement.GetProperty("manifests").EnumerateArray()
            .First(m => m.TryGetProperty("annotations", out var a) && a.GetProperty("org.opencontainers.image.ref.name").GetString() == tag)
            .GetProperty("digest").GetString()!;
    }

    private static string WriteBlob(string blobs, byte[] content)
    {
        var digest = Digest(content);
        File.WriteAllBytes(Path.Combine(blobs, digest["sha256:".Length..]), content);
        return digest;
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
