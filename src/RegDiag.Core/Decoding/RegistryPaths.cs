using System.Text.RegularExpressions;
using RegDiag.Core.Http;
using RegDiag.Core.Model;

namespace RegDiag.Core.Decoding;

/// <summary>
/// The registry API's endpoint table (OCI distribution spec v1.1 "end-1" … "end-13" and Docker Registry
/// HTTP API v2), matched from the right so that repository names of any depth ("group/project/image") work.
/// </summary>
internal static partial class RegistryPaths
{
    public static bool IsRegistryPath(string path) => path == "/v2" || path.StartsWith("/v2/", StringComparison.Ordinal);

    /// <summary>Names taken from the path are shared through <paramref name="strings"/>.</summary>
    public static (Operation Operation, RegistryTarget Target) Classify(RequestRecord request, ResponseRecord? response, UrlParts url, SharedStrings strings)
    {
        var path = Decode(url.Path);
        var method = request.Method.ToUpperInvariant();
        var contentDigest = response?.Headers.Get("Docker-Content-Digest");
        if (path is "/v2" or "/v2/")
        {
            return (Operation.Ping, new RegistryTarget());
        }
        if (path is "/v2/_catalog" or "/v2/_catalog/")
        {
            return (Operation.Catalog, Paging(url, new RegistryTarget()));
        }
        Match match;
        if ((match = Uploads().Match(path)).Success)
        {
            var name = strings.Get(match.Groups[UploadGroups.Name].ValueSpan);
            var id = strings.Get(match.Groups[UploadGroups.Id].ValueSpan);
            var queryDigest = url.Parameter("digest");
            if (id.Length == 0)
            {
                var mount = url.Parameter("mount");
                var operation = method != "POST" ? Operation.Unknown
                    : mount != null ? Operation.UploadMount
                    : queryDigest != null ? Operation.UploadMonolithic
                    : Operation.UploadStart;
                return (operation, new RegistryTarget
                {
                    Repository = name,
                    Digest = mount ?? queryDigest ?? contentDigest,
                    MountFrom = url.Parameter("from"),
                    UploadId = response?.Headers.Get("Docker-Upload-UUID") ?? UploadIdFromLocation(response?.Headers.Get("Location")),
                });
            }
            return (method switch
            {
                "PATCH" => Operation.UploadChunk,
                "PUT" => Operation.UploadComplete,
                "GET" => Operation.UploadStatus,
                "DELETE" => Operation.UploadCancel,
                _ => Operation.Unknown,
            }, new RegistryTarget { Repository = name, UploadId = id, Digest = queryDigest ?? contentDigest });
        }
        if ((match = Manifests().Match(path)).Success)
        {
            var reference = strings.Get(match.Groups[ManifestGroups.Reference].ValueSpan);
            return (method switch
            {
                "HEAD" => Operation.ManifestHead,
                "GET" => Operation.ManifestGet,
                "PUT" => Operation.ManifestPut,
                "DELETE" => Operation.ManifestDelete,
                _ => Operation.Unknown,
            }, new RegistryTarget
            {
                Repository = strings.Get(match.Groups[ManifestGroups.Name].ValueSpan),
                Reference = reference,
                Digest = IsDigest(reference) ? reference : contentDigest,
            });
        }
        if ((match = Blobs().Match(path)).Success)
        {
            return (method switch
            {
                "HEAD" => Operation.BlobHead,
                "GET" => Operation.BlobGet,
                "DELETE" => Operation.BlobDelete,
                _ => Operation.Unknown,
            }, new RegistryTarget { Repository = strings.Get(match.Groups[BlobGroups.Name].ValueSpan), Digest = strings.Get(match.Groups[BlobGroups.Digest].ValueSpan) });
        }
        if ((match = Tags().Match(path)).Success)
        {
            return (Operation.TagsList, Paging(url, new RegistryTarget { Repository = strings.Get(match.Groups["name"].ValueSpan) }));
        }
        if ((match = Referrers().Match(path)).Success)
        {
            return (Operation.Referrers, new RegistryTarget { Repository = strings.Get(match.Groups["name"].ValueSpan), Digest = strings.Get(match.Groups["digest"].ValueSpan) });
        }
        return (Operation.Unknown, new RegistryTarget());
    }

    public static bool IsDigest(string reference) => DigestPattern().IsMatch(reference);

    /// <summary>The upload id is the last path segment of the Location a POST returned.</summary>
    public static string? UploadIdFromLocation(string? location)
    {
        if (location == null)
        {
            return null;
        }
        var path = location.Split('?', 2)[0];
        var marker = path.LastIndexOf("/blobs/uploads/", StringComparison.Ordinal);
        return marker < 0 ? null : Decode(path[(marker + "/blobs/uploads/".Length)..]).TrimEnd('/') is { Length: > 0 } id ? id : null;
    }

    private static RegistryTarget Paging(UrlParts url, RegistryTarget target) => target with
    {
        PageSize = int.TryParse(url.Parameter("n"), out var n) ? n : null,
        PageLast = url.Parameter("last"),
    };

    private static string Decode(string path)
    {
        if (!path.Contains('%'))
        {
            return path;
        }
        try
        {
            return Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            return path;
        }
    }

    // Group numbers for the endpoints every push and pull hits: a group named at each access is looked up in
    // the regex's name table every time, which showed in profiles of large captures.
    private static readonly (int Name, int Id) UploadGroups = (Uploads().GroupNumberFromName("name"), Uploads().GroupNumberFromName("id"));
    private static readonly (int Name, int Reference) ManifestGroups = (Manifests().GroupNumberFromName("name"), Manifests().GroupNumberFromName("ref"));
    private static readonly (int Name, int Digest) BlobGroups = (Blobs().GroupNumberFromName("name"), Blobs().GroupNumberFromName("digest"));

    [GeneratedRegex(@"^/v2/(?<name>.+?)/blobs/uploads/(?<id>[^/]*)/?$")]
    private static partial Regex Uploads();

    [GeneratedRegex(@"^/v2/(?<name>.+)/manifests/(?<ref>[^/]+)$")]
    private static partial Regex Manifests();

    [GeneratedRegex(@"^/v2/(?<name>.+)/blobs/(?<digest>[^/]+)$")]
    private static partial Regex Blobs();

    [GeneratedRegex(@"^/v2/(?<name>.+)/tags/list/?$")]
    private static partial Regex Tags();

    [GeneratedRegex(@"^/v2/(?<name>.+)/referrers/(?<digest>[^/]+)$")]
    private static partial Regex Referrers();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex DigestPattern();
}
