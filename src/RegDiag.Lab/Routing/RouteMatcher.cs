using System.Text.RegularExpressions;

namespace RegDiag.Lab.Routing;

/// <summary>
/// Maps /v2/ paths to resources as distribution's api/v2 router does. Multi-level names work because the
/// name pattern is anchored by the fixed suffix (/tags/list, /manifests/..., /blobs/...).
/// </summary>
internal static partial class RouteMatcher
{
    [GeneratedRegex("^/v2/(?<name>" + NameGrammar.Name + ")/tags/list$")]
    private static partial Regex Tags();

    [GeneratedRegex("^/v2/(?<name>" + NameGrammar.Name + ")/manifests/(?<ref>" + NameGrammar.Tag + "|" + NameGrammar.Digest + ")$")]
    private static partial Regex Manifest();

    [GeneratedRegex("^/v2/(?<name>" + NameGrammar.Name + ")/blobs/uploads/$")]
    private static partial Regex BlobUpload();

    [GeneratedRegex("^/v2/(?<name>" + NameGrammar.Name + ")/blobs/uploads/(?<ref>[a-zA-Z0-9-_.=]+)$")]
    private static partial Regex BlobUploadChunk();

    [GeneratedRegex("^/v2/(?<name>" + NameGrammar.Name + ")/blobs/(?<ref>" + NameGrammar.Digest + ")$")]
    private static partial Regex Blob();

    [GeneratedRegex("^/v2/(?<name>" + NameGrammar.Name + ")/referrers/(?<ref>" + NameGrammar.Digest + ")$")]
    private static partial Regex Referrers();

    private static readonly (Regex Pattern, RouteKind Kind)[] Routes =
    [
        (Tags(), RouteKind.Tags),
        (Manifest(), RouteKind.Manifest),
        (BlobUpload(), RouteKind.BlobUpload),
        (BlobUploadChunk(), RouteKind.BlobUploadChunk),
        (Blob(), RouteKind.Blob),
        (Referrers(), RouteKind.Referrers),
    ];

    /// <summary>The route for a request path, or null (distribution answers 404 "404 page not found").</summary>
    public static RouteMatch? Match(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path is "/v2/" or "/v2")
        {
            return new RouteMatch(RouteKind.Base, null, null);
        }
        if (path == "/v2/_catalog")
        {
            return new RouteMatch(RouteKind.Catalog, null, null);
        }
        foreach (var (pattern, kind) in Routes)
        {
            var match = pattern.Match(path);
            if (match.Success)
            {
                var reference = match.Groups["ref"];
                return new RouteMatch(kind, match.Groups["name"].Value, reference.Success ? reference.Value : null);
            }
        }
        return null;
    }
}
