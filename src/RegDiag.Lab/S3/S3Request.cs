using RegDiag.Lab.S3.Auth;

namespace RegDiag.Lab.S3;

/// <summary>
/// A request resolved to bucket, key and operation. Virtual-hosted addressing (bucket.s3.test/key) is
/// recognised when the Host header is a bucket label in front of one of the endpoint's host names;
/// anything else is path-style (/bucket/key).
/// </summary>
internal sealed record S3Request(
    string? Bucket, string Key, S3Operation? Operation, IReadOnlyList<KeyValuePair<string, string>> Query, string RawPath, string RawQuery)
{
    public string? this[string name] => QueryString.Get(Query, name);

    public static S3Request Parse(string method, string host, string rawTarget, IReadOnlyList<string> hostNames, bool hasCopySource)
    {
        var queryStart = rawTarget.IndexOf('?');
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];
        var query = QueryString.Parse(rawQuery);
        var path = Uri.UnescapeDataString(rawPath);

        var hostOnly = host;
        var colon = hostOnly.LastIndexOf(':');
        if (colon > 0 && !hostOnly.EndsWith(']'))
        {
            hostOnly = hostOnly[..colon];
        }
        string? bucket = null;
        string key;
        var suffix = hostNames.FirstOrDefault(n => hostOnly.EndsWith("." + n, StringComparison.OrdinalIgnoreCase));
        if (suffix != null)
        {
            bucket = hostOnly[..^(suffix.Length + 1)];
            key = path.TrimStart('/');
        }
        else
        {
            var trimmed = path.StartsWith('/') ? path[1..] : path;
            var slash = trimmed.IndexOf('/');
            bucket = slash < 0 ? trimmed : trimmed[..slash];
            key = slash < 0 ? "" : trimmed[(slash + 1)..];
            if (bucket.Length == 0)
            {
                bucket = null;
            }
        }
        return new S3Request(bucket, key, Classify(method, key.Length > 0, query, hasCopySource), query, rawPath, rawQuery);
    }

    private static S3Operation? Classify(string method, bool hasKey, IReadOnlyList<KeyValuePair<string, string>> query, bool hasCopySource)
    {
        bool Has(string name) => QueryString.Has(query, name);
        if (!hasKey)
        {
            return method switch
            {
                "HEAD" => S3Operation.HeadBucket,
                "GET" when Has("location") => S3Operation.GetBucketLocation,
                "GET" when Has("uploads") => S3Operation.ListMultipartUploads,
                "GET" when QueryString.Get(query, "list-type") == "2" => S3Operation.ListObjectsV2,
                "GET" when !query.Any(p => p.Key is "acl" or "policy" or "versioning" or "lifecycle" or "cors" or "tagging" or "versions" or "website" or "encryption") => S3Operation.ListObjects,
                "POST" when Has("delete") => S3Operation.DeleteObjects,
                _ => null,
            };
        }
        return method switch
        {
            "HEAD" => S3Operation.HeadObject,
            "GET" when Has("uploadId") => S3Operation.ListParts,
            "GET" when !Has("acl") && !Has("tagging") && !Has("attributes") => S3Operation.GetObject,
            "PUT" when Has("partNumber") && Has("uploadId") => hasCopySource ? S3Operation.UploadPartCopy : S3Operation.UploadPart,
            "PUT" when !Has("acl") && !Has("tagging") => hasCopySource ? S3Operation.CopyObject : S3Operation.PutObject,
            "POST" when Has("uploads") => S3Operation.CreateMultipartUpload,
            "POST" when Has("uploadId") => S3Operation.CompleteMultipartUpload,
            "DELETE" when Has("uploadId") => S3Operation.AbortMultipartUpload,
            "DELETE" when !Has("tagging") => S3Operation.DeleteObject,
            _ => null,
        };
    }

    /// <summary>The IAM action an operation needs (CopyObject also needs GetObject on its source).</summary>
    public static S3Action ActionFor(S3Operation operation) => operation switch
    {
        S3Operation.HeadBucket or S3Operation.ListObjects or S3Operation.ListObjectsV2 => S3Action.ListBucket,
        S3Operation.GetBucketLocation => S3Action.GetBucketLocation,
        S3Operation.ListMultipartUploads => S3Action.ListBucketMultipartUploads,
        S3Operation.DeleteObjects or S3Operation.DeleteObject => S3Action.DeleteObject,
        S3Operation.HeadObject or S3Operation.GetObject => S3Action.GetObject,
        S3Operation.AbortMultipartUpload => S3Action.AbortMultipartUpload,
        S3Operation.ListParts => S3Action.ListMultipartUploadParts,
        _ => S3Action.PutObject,
    };
}
