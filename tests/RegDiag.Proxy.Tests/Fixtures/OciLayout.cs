using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RegDiag.Proxy.Tests.Fixtures;

/// <summary>
/// Writes a small multi-layer OCI image layout (what `skopeo copy oci:DIR:TAG ...` reads): gzipped tar layers of
/// distinct content, a config and a manifest, all addressed by their sha256.
/// </summary>
internal static class OciLayout
{
    public sealed record Image(string ManifestDigest, IReadOnlyList<string> LayerDigests, string ConfigDigest);

    public static Image Write(string directory, string tag, int layers, int layerSize)
    {
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        var layerDescriptors = new List<object>();
        var diffIds = new List<string>();
        var layerDigests = new List<string>();
        for (var i = 0; i < layers; i++)
        {
            var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, leaveOpen: true))
            {
                var data = RandomNumberGenerator.GetBytes(layerSize); // incompressible, so sizes stay real
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"layer{i}/data.bin") { DataStream = new MemoryStream(data) });
            }
            diffIds.Add(Digest(tar.ToArray()));
            var gz = new MemoryStream();
            using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(tar.ToArray());
            }
            var digest = Store(directory, gz.ToArray());
            layerDigests.Add(digest);
            layerDescriptors.Add(new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest, size = gz.Length });
        }
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = "amd64",
            os = "linux",
            rootfs = new { type = "layers", diff_ids = diffIds },
            config = new { },
        });
        var configDigest = Store(directory, config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = "application/vnd.oci.image.manifest.v1+json",
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = configDigest, size = config.Length },
            layers = layerDescriptors,
        });
        var manifestDigest = Store(directory, manifest);
        File.WriteAllText(Path.Combine(directory, "index.json"), JsonSerializer.Serialize(new
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
        }));
        return new Image(manifestDigest, layerDigests, configDigest);
    }

    /// <summary>Reads the manifest digest an OCI layout holds for a tag.</summary>
    public static string ManifestDigest(string directory, string tag)
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "index.json")));
        return index.RootElement.GetProperty("manifests").EnumerateArray()
            .First(m => m.TryGetProperty("annotations", out var a) && a.GetProperty("org.opencontainers.image.ref.name").GetString() == tag)
            .GetProperty("digest").GetString()!;
    }

    private static string Store(string directory, byte[] content)
    {
        var digest = Digest(content);
        File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", digest["sha256:".Length..]), content);
        return digest;
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
