using System.Text.RegularExpressions;

namespace RegDiag.Core.Decoding;

/// <summary>
/// Reads distribution's storage layout from an object key (or a list prefix), so the registry's own storage
/// calls can be tied to the client request they serve (registry/storage/paths.go of distribution).
/// </summary>
internal static partial class DistributionLayout
{
    public static DistributionKey? Parse(string? key)
    {
        if (key == null)
        {
            return null;
        }
        var root = key.IndexOf("docker/registry/v2/", StringComparison.Ordinal);
        if (root < 0)
        {
            return null;
        }
        var rest = key[(root + "docker/registry/v2/".Length)..];
        Match m;
        if ((m = BlobData().Match(rest)).Success)
        {
            return new DistributionKey { Role = "blob-data", Digest = "sha256:" + m.Groups["d"].Value };
        }
        if ((m = Repository().Match(rest)).Success)
        {
            var name = m.Groups["name"].Value;
            var tail = m.Groups["tail"].Value;
            Match t;
            if ((t = LayerLink().Match(tail)).Success)
            {
                return new DistributionKey { Role = "layer-link", Repository = name, Digest = t.Groups["alg"].Value + ":" + t.Groups["d"].Value };
            }
            if ((t = Revision().Match(tail)).Success)
            {
                return new DistributionKey { Role = "manifest-revision", Repository = name, Digest = t.Groups["alg"].Value + ":" + t.Groups["d"].Value };
            }
            if ((t = TagLink().Match(tail)).Success)
            {
                return new DistributionKey
                {
                    Role = "tag",
                    Repository = name,
                    Tag = t.Groups["tag"].Value,
                    Digest = t.Groups["d"].Success ? t.Groups["alg"].Value + ":" + t.Groups["d"].Value : null,
                };
            }
            if ((t = Upload().Match(tail)).Success)
            {
                return new DistributionKey { Role = "upload", Repository = name, UploadId = t.Groups["id"].Value };
            }
            return new DistributionKey { Role = "repository", Repository = name };
        }
        return new DistributionKey { Role = rest.StartsWith("blobs", StringComparison.Ordinal) ? "blobs" : "repositories" };
    }

    [GeneratedRegex(@"^blobs/(?<alg>[a-z0-9]+)/[0-9a-f]{2}/(?<d>[0-9a-f]{32,})(?:/data)?$")]
    private static partial Regex BlobData();

    /// <summary>Repository components never start with '_', so the first "/_x" ends the name.</summary>
    [GeneratedRegex(@"^repositories/(?<name>.+?)(?<tail>/_(?:layers|manifests|uploads)(?:/.*)?)$")]
    private static partial Regex Repository();

    [GeneratedRegex(@"^/_layers/(?<alg>[a-z0-9]+)/(?<d>[0-9a-f]{32,})(?:/link)?$")]
    private static partial Regex LayerLink();

    [GeneratedRegex(@"^/_manifests/revisions/(?<alg>[a-z0-9]+)/(?<d>[0-9a-f]{32,})(?:/link)?$")]
    private static partial Regex Revision();

    [GeneratedRegex(@"^/_manifests/tags/(?<tag>[^/]+)(?:/current(?:/link)?|/index/(?<alg>[a-z0-9]+)/(?<d>[0-9a-f]{32,})(?:/link)?|/?)$")]
    private static partial Regex TagLink();

    [GeneratedRegex(@"^/_uploads/(?<id>[^/]+)(?:/.*)?$")]
    private static partial Regex Upload();
}
