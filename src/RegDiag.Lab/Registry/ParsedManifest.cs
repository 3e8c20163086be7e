using System.Text.Json;

namespace RegDiag.Lab.Registry;

/// <summary>What the registry needs from a manifest: its media type, the blobs and manifests it references, its subject.</summary>
internal sealed record ParsedManifest(
    string MediaType,
    IReadOnlyList<Digest> Blobs,
    IReadOnlyList<Digest> Manifests,
    Digest? Subject,
    string? ArtifactType,
    string? ConfigMediaType,
    JsonElement? Annotations)
{
    /// <summary>Parses a manifest sent with <paramref name="contentType"/>; the error text explains a rejection (MANIFEST_INVALID).</summary>
    public static (ParsedManifest? Manifest, string? Error) Parse(ReadOnlySpan<byte> content, string? contentType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToArray());
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "manifest is not a JSON object");
            }
            var declared = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString() : null;
            var header = contentType?.Split(';')[0].Trim();
            if (string.IsNullOrEmpty(header) || header == "application/json")
            {
                header = null;
            }
            if (header != null && declared != null && header != declared)
            {
                return (null, $"if present, mediaType in manifest should be '{header}' not '{declared}'");
            }
            var mediaType = header ?? declared ?? (root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : MediaTypes.OciManifest);
            if (!MediaTypes.IsKnown(mediaType))
            {
                return (null, $"unsupported manifest media type and no default available: {mediaType}");
            }
            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 2)
            {
                return (null, "unsupported manifest schema version, expected 2");
            }
            var blobs = new List<Digest>();
            var manifests = new List<Digest>();
            string? configMediaType = null;
            if (MediaTypes.IsIndex(mediaType))
            {
                if (!root.TryGetProperty("manifests", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    return (null, "manifests is missing");
                }
                foreach (var child in list.EnumerateArray())
                {
                    if (DescriptorDigest(child) is not { } digest)
                    {
                        return (null, "manifest descriptor has an invalid digest");
                    }
                    manifests.Add(digest);
                }
            }
            else
            {
                if (!root.TryGetProperty("config", out var config) || DescriptorDigest(config) is not { } configDigest)
                {
                    return (null, "config descriptor is missing or invalid");
                }
                configMediaType = config.TryGetProperty("mediaType", out var cmt) ? cmt.GetString() : null;
                blobs.Add(configDigest);
                if (root.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array)
                {
                    foreach (var layer in layers.EnumerateArray())
                    {
                        if (DescriptorDigest(layer) is not { } digest)
                        {
                            return (null, "layer descriptor has an invalid digest");
                        }
                        // Foreign layers (with urls) live elsewhere, as distribution allows.
                        if (!layer.TryGetProperty("urls", out _))
                        {
                            blobs.Add(digest);
                        }
                    }
                }
            }
            Digest? subject = null;
            if (root.TryGetProperty("subject", out var subjectElement))
            {
                subject = DescriptorDigest(subjectElement);
                if (subject == null)
                {
                    return (null, "subject descriptor has an invalid digest");
                }
            }
            var artifactType = root.TryGetProperty("artifactType", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null;
            JsonElement? annotations = root.TryGetProperty("annotations", out var an) && an.ValueKind == JsonValueKind.Object ? an.Clone() : null;
            return (new ParsedManifest(mediaType, blobs, manifests, subject, artifactType, configMediaType, annotations), null);
        }
    }

    private static Digest? DescriptorDigest(JsonElement descriptor) =>
        descriptor.ValueKind == JsonValueKind.Object
        && descriptor.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String
        && Digest.TryParse(d.GetString(), out var digest) ? digest : null;
}
