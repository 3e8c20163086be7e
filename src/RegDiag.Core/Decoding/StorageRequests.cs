using System.Globalization;
using System.Text.RegularExpressions;
using RegDiag.Core.Http;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Decoding;

/// <summary>
/// Recognises object-store requests (S3 and S3-compatible, GCS, Azure Blob, CloudFront) from their signing
/// scheme, host and response headers, and names the operation from method, path and query the way the S3
/// API defines it.
/// </summary>
internal static partial class StorageRequests
{
    /// <summary>True when the request carries an object-store signature (query or header).</summary>
    public static bool IsSigned(RequestRecord request, UrlParts url)
    {
        var query = url.Query;
        if (query.Contains("X-Amz-", StringComparison.OrdinalIgnoreCase) || query.Contains("X-Goog-", StringComparison.OrdinalIgnoreCase) ||
            query.Contains("Signature=", StringComparison.Ordinal) || query.Contains("sig=", StringComparison.Ordinal))
        {
            return true;
        }
        var authorization = request.Headers.Get("Authorization");
        return authorization != null && (authorization.StartsWith("AWS4-", StringComparison.Ordinal) ||
            authorization.StartsWith("AWS ", StringComparison.Ordinal) || authorization.StartsWith("GOOG4-", StringComparison.Ordinal) ||
            authorization.StartsWith("SharedKey", StringComparison.Ordinal));
    }

    public static StorageProvider? DetectProvider(RequestRecord request, ResponseRecord? response, UrlParts url)
    {
        var host = url.Host;
        var authorization = request.Headers.Get("Authorization") ?? "";
        if (host.EndsWith(".cloudfront.net", StringComparison.Ordinal) || url.HasParameter("Key-Pair-Id"))
        {
            return StorageProvider.CloudFront;
        }
        if (host == "storage.googleapis.com" || host.EndsWith(".storage.googleapis.com", StringComparison.Ordinal) ||
            url.HasParameter("X-Goog-Signature") || url.HasParameter("GoogleAccessId") || authorization.StartsWith("GOOG4-", StringComparison.Ordinal) ||
            response?.Headers.Get("x-guploader-uploadid") != null)
        {
            return StorageProvider.Gcs;
        }
        if (host.EndsWith(".blob.core.windows.net", StringComparison.Ordinal) || (url.HasParameter("sig") && url.HasParameter("sv")) ||
            authorization.StartsWith("SharedKey", StringComparison.Ordinal) || request.Headers.Get("x-ms-version") != null ||
            response?.Headers.Get("x-ms-request-id") != null)
        {
            return StorageProvider.Azure;
        }
        var amazonHost = host.EndsWith(".amazonaws.com", StringComparison.Ordinal) || host.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal);
        if (url.HasParameter("X-Amz-Signature") || url.HasParameter("X-Amz-Credential") ||
            (url.HasParameter("AWSAccessKeyId") && url.HasParameter("Signature")) ||
            authorization.StartsWith("AWS4-HMAC-SHA256", StringComparison.Ordinal) || authorization.StartsWith("AWS ", StringComparison.Ordinal) ||
            request.Headers.Get("x-amz-content-sha256") != null ||
            response?.Headers.Get("x-amz-request-id") != null || response?.Headers.Get("x-amz-id-2") != null ||
            (amazonHost && host.Contains("s3", StringComparison.Ordinal)))
        {
            return amazonHost ? StorageProvider.S3 : StorageProvider.S3Compatible;
        }
        return null;
    }

    public static (Operation Operation, StorageTarget Target) Classify(
        RequestRecord request, UrlParts url, StorageProvider provider)
    {
        var (bucket, key, virtualHosted) = Locate(url, provider);
        var method = request.Method.ToUpperInvariant();
        var operation = provider == StorageProvider.Azure ? AzureOperation(request, url, key) : S3Operation(request, url, key, bucket);
        var target = new StorageTarget
        {
            Provider = provider,
            Bucket = bucket,
            Key = key,
            VirtualHosted = virtualHosted,
            MultipartUploadId = url.Parameter("uploadId") ?? url.Parameter("upload_id"),
            Layout = DistributionLayout.Parse(key) ?? DistributionLayout.Parse(url.Parameter("prefix")),
        };
        return (operation, Sign(target, request, url));
    }

    private static (string? Bucket, string? Key, bool VirtualHosted) Locate(UrlParts url, StorageProvider provider)
    {
        var path = Decode(url.Path.TrimStart('/'));
        switch (provider)
        {
            case StorageProvider.CloudFront:
            case StorageProvider.Unknown:
                return (null, path.Length == 0 ? null : path, false);
            case StorageProvider.Gcs when url.Host == "storage.googleapis.com":
            case StorageProvider.Azure:
                break;
            default:
                var virtualHost = provider == StorageProvider.Gcs ? GcsVirtualHost().Match(url.Host) : S3VirtualHost().Match(url.Host);
                if (virtualHost.Success)
                {
                    return (virtualHost.Groups["bucket"].Value, path.Length == 0 ? null : path, true);
                }
                break;
        }
        var slash = path.IndexOf('/');
        return slash < 0
            ? (path.Length == 0 ? null : path, null, false)
            : (path[..slash], path[(slash + 1)..] is { Length: > 0 } k ? k : null, false);
    }

    private static Operation S3Operation(RequestRecord request, UrlParts url, string? key, string? bucket)
    {
        var method = request.Method.ToUpperInvariant();
        var copy = request.Headers.Get("x-amz-copy-source") != null || request.Headers.Get("x-goog-copy-source") != null;
        if (url.HasParameter("uploadId"))
        {
            return method switch
            {
                "PUT" => copy ? Operation.UploadPartCopy : Operation.UploadPart,
                "POST" => Operation.CompleteMultipartUpload,
                "DELETE" => Operation.AbortMultipartUpload,
                "GET" => Operation.ListParts,
                _ => Operation.Unknown,
            };
        }
        if (url.HasParameterNamedExactly("uploads"))
        {
            return method == "POST" ? Operation.CreateMultipartUpload : Operation.ListMultipartUploads;
        }
        if (key == null)
        {
            if (bucket == null)
            {
                return Operation.OtherBucketOperation;
            }
            return method switch
            {
                "POST" when url.HasParameterNamedExactly("delete") => Operation.DeleteObjects,
                "GET" when url.HasParameterNamedExactly("location") => Operation.GetBucketLocation,
                "GET" when url.Parameter("list-type") == "2" => Operation.ListObjectsV2,
                "GET" when IsPlainList(url) => Operation.ListObjects,
                "HEAD" => Operation.HeadBucket,
                _ => Operation.OtherBucketOperation,
            };
        }
        return method switch
        {
            "GET" => Operation.GetObject,
            "HEAD" => Operation.HeadObject,
            "PUT" => copy ? Operation.CopyObject : Operation.PutObject,
            "DELETE" => Operation.DeleteObject,
            "POST" when url.HasParameterNamedExactly("delete") => Operation.DeleteObjects,
            _ => Operation.Unknown,
        };
    }

    private static Operation AzureOperation(RequestRecord request, UrlParts url, string? key)
    {
        var comp = url.Parameter("comp");
        return (request.Method.ToUpperInvariant(), comp) switch
        {
            ("PUT", "block") => Operation.UploadPart,
            ("PUT", "blocklist") => Operation.CompleteMultipartUpload,
            ("GET", "blocklist") => Operation.ListParts,
            ("GET", "list") => Operation.ListObjects,
            ("PUT", null) when request.Headers.Get("x-ms-copy-source") != null => Operation.CopyObject,
            ("PUT", null) when key != null => Operation.PutObject,
            ("GET", null) when key != null => Operation.GetObject,
            ("HEAD", null) when key != null => Operation.HeadObject,
            ("DELETE", null) when key != null => Operation.DeleteObject,
            _ => Operation.OtherBucketOperation,
        };
    }

    /// <summary>Reads signing scope and validity from a presigned query or an Authorization header.</summary>
    private static StorageTarget Sign(StorageTarget target, RequestRecord request, UrlParts url)
    {
        var credential = url.Parameter("X-Amz-Credential") ?? url.Parameter("X-Goog-Credential");
        if (credential != null)
        {
            var signedAt = CompactTime(url.Parameter("X-Amz-Date") ?? url.Parameter("X-Goog-Date"));
            var expires = int.TryParse(url.Parameter("X-Amz-Expires") ?? url.Parameter("X-Goog-Expires"), out var seconds) ? seconds : (int?)null;
            return WithCredential(target with
            {
                Auth = StorageAuth.PresignedQuery,
                SignedAt = signedAt,
                ExpiresSeconds = expires,
                ExpiresAt = signedAt is { } at && expires is { } e ? at.AddSeconds(e) : null,
            }, credential);
        }
        var absoluteExpiry = url.Parameter("Expires");
        if ((url.HasParameter("Signature") || url.HasParameter("sig")) &&
            (absoluteExpiry != null || url.HasParameter("se") || url.HasParameter("Policy")))
        {
            var keyId = url.Parameter("AWSAccessKeyId") ?? url.Parameter("GoogleAccessId") ?? url.Parameter("Key-Pair-Id");
            return target with
            {
                Auth = StorageAuth.PresignedQuery,
                AccessKey = keyId == null ? null : Marker(keyId),
                SignedAt = Iso(url.Parameter("st")),
                ExpiresAt = long.TryParse(absoluteExpiry, out var unix) ? DateTimeOffset.FromUnixTimeSeconds(unix) : Iso(url.Parameter("se")),
            };
        }
        var authorization = request.Headers.Get("Authorization");
        if (authorization == null)
        {
            return target;
        }
        var headerCredential = HeaderCredential().Match(authorization);
        var signed = target with
        {
            Auth = StorageAuth.AuthorizationHeader,
            SignedAt = CompactTime(request.Headers.Get("x-amz-date") ?? request.Headers.Get("x-goog-date")),
        };
        return headerCredential.Success ? WithCredential(signed, headerCredential.Groups[1].Value) : signed;
    }

    private static StorageTarget WithCredential(StorageTarget target, string credential)
    {
        // KEYID/yyyymmdd/region/service/aws4_request
        var parts = credential.Split('/');
        return target with
        {
            AccessKey = Marker(parts[0]),
            SignedRegion = parts.Length >= 5 ? parts[2] : null,
        };
    }

    private static string Marker(string keyId) => SecretMarker.IsRedacted(keyId) ? keyId : SecretMarker.For(keyId);

    private static DateTimeOffset? CompactTime(string? text) =>
        text != null && DateTimeOffset.TryParseExact(text, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    private static DateTimeOffset? Iso(string? text) =>
        text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static bool IsPlainList(UrlParts url) =>
        url.Query.Length == 0 || url.Parameters().All(p => p.Name is "prefix" or "delimiter" or "marker" or "max-keys" or "encoding-type"
            or "X-Amz-Algorithm" or "X-Amz-Credential" or "X-Amz-Date" or "X-Amz-Expires" or "X-Amz-SignedHeaders"
            or "X-Amz-Signature" or "X-Amz-Security-Token");

    private static string Decode(string path)
    {
        try
        {
            return path.Contains('%') ? Uri.UnescapeDataString(path) : path;
        }
        catch (UriFormatException)
        {
            return path;
        }
    }

    /// <summary>bucket.s3.amazonaws.com, bucket.s3.eu-central-1.amazonaws.com, bucket.s3-eu-west-1…, bucket.s3.example.</summary>
    [GeneratedRegex(@"^(?<bucket>[a-z0-9][a-z0-9.-]*?)\.s3[.-]")]
    private static partial Regex S3VirtualHost();

    [GeneratedRegex(@"^(?<bucket>.+)\.storage\.googleapis\.com$")]
    private static partial Regex GcsVirtualHost();

    [GeneratedRegex(@"Credential=([^,\s]+)")]
    private static partial Regex HeaderCredential();
}
