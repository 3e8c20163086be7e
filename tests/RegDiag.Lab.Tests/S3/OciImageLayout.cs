using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace RegDiag.Lab.Tests.S3;

/// <summary>
/// Writes a real OCI image layout (gzip tar layers, config, manifest, index.json) that skopeo can push with
/// "oci:DIR:TAG". Layer contents are random so each test pushes blobs the registry has never seen.
/// </summary>
internal static class OciImageLayout
{
    /// <summary>Creates the layout and returns the layer digests ("sha256:...") in order.</summary>
    public static IReadOnlyList<string> Create(string directory, string tag, params int[] layerSizes)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var layers = new List<(string Digest, long Size, string DiffId)>();
        for (var i = 0; i < layerSizes.Length; i++)
        {
            var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"layer{i}/data.bin")
                {
                    DataStream = new MemoryStream(RandomNumberGenerator.GetBytes(layerSizes[i])),
                });
            }
            var diffId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar.ToArray()));
            var gz = new MemoryStream();
            using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(tar.ToArray());
            }
            layers.Add((WriteBlob(blobs, gz.ToArray()), gz.Length, diffId));
        }
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = "amd64",
            os = "linux",
            config = new { },
            rootfs = new { type = "layers", diff_ids = layers.Select(l => l.DiffId).ToArray() },
        });
        var configDigest = WriteBlob(blobs, config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = "application/vnd.oci.image.manifest.v1+json",
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = configDigest, size = config.Length },
            layers = layers.Select(l => new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = l.Digest, size = l.Size }).ToArray(),
        });
        var manifestDigest = WriteBlob(blobs, manifest);
        File.WriteAllText(Path.Combine(directory, "index.json"), JsonSerializer.Serialize(new
        {
            schemaVersion = 2,
            manifests = new[]
            {
                new Dictionary<string, object>
                {
                    ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                    ["digest"] = manifestDigest,
                    ["size"] = manifest.Length,
                    ["annotations"] = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = tag },
                },
            },
        }));
        return layers.Select(l => l.Digest).ToList();
    }

    private static string WriteBlob(string blobs, byte[] content)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        File.WriteAllBytes(Path.Combine(blobs, hex), content);
        return "sha256:" + hex;
    }
}
