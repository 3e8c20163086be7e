using System.Globalization;
using System.Text;
using System.Xml.Linq;
using RegDiag.Lab.S3.Auth;
using RegDiag.Lab.S3.Store;

namespace RegDiag.Lab.S3.Handlers;

/// <summary>HeadBucket, GetBucketLocation, ListObjects (V1) and ListObjectsV2.</summary>
internal static class BucketHandlers
{
    public static Task HeadAsync(S3CallContext call)
    {
        call.Http.Response.Headers["x-amz-bucket-region"] = call.Options.Region;
        call.Http.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    public static Task LocationAsync(S3CallContext call) =>
        // us-east-1 is reported as an empty LocationConstraint, as S3 does.
        S3Xml.WriteAsync(call.Http.Response, S3Xml.E("LocationConstraint", call.Options.Region == "us-east-1" ? null : call.Options.Region));

    public static Task ListV1Async(S3CallContext call)
    {
        var request = call.Request;
        var prefix = request["prefix"] ?? "";
        var delimiter = NullIfEmpty(request["delimiter"]);
        var marker = NullIfEmpty(request["marker"]);
        var maxKeys = MaxKeys(request["max-keys"]);
        var encode = Encoder(request["encoding-type"]);
        var page = call.Store.List(prefix, delimiter, marker, maxKeys);
        var root = S3Xml.E("ListBucketResult",
            S3Xml.E("Name", call.Options.Bucket),
            S3Xml.E("Prefix", encode(prefix)),
            S3Xml.E("Marker", encode(marker ?? "")),
            S3Xml.E("MaxKeys", maxKeys),
            delimiter == null ? null : S3Xml.E("Delimiter", encode(delimiter)),
            S3Xml.E("IsTruncated", S3Xml.Bool(page.IsTruncated)),
            // As S3: NextMarker only with a delimiter; without one the last key is the next marker.
            page.IsTruncated && delimiter != null ? S3Xml.E("NextMarker", encode(page.NextMarker!)) : null,
            request["encoding-type"] == "url" ? S3Xml.E("EncodingType", "url") : null);
        AddEntries(root, page, encode);
        return S3Xml.WriteAsync(call.Http.Response, root);
    }

    public static Task ListV2Async(S3CallContext call)
    {
        var request = call.Request;
        var prefix = request["prefix"] ?? "";
        var delimiter = NullIfEmpty(request["delimiter"]);
        var token = NullIfEmpty(request["continuation-token"]);
        var startAfter = NullIfEmpty(request["start-after"]);
        var maxKeys = MaxKeys(request["max-keys"]);
        var encode = Encoder(request["encoding-type"]);
        string? marker = startAfter;
        if (token != null)
        {
            try
            {
                marker = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                throw new S3Exception(S3ErrorCode.InvalidArgument, "The continuation token provided is incorrect",
                    [new("ArgumentName", "continuation-token")]);
            }
        }
        var page = call.Store.List(prefix, delimiter, marker, maxKeys);
        var root = S3Xml.E("ListBucketResult",
            S3Xml.E("Name", call.Options.Bucket),
            S3Xml.E("Prefix", encode(prefix)),
            S3Xml.E("KeyCount", page.Entries.Count),
            S3Xml.E("MaxKeys", maxKeys),
            delimiter == null ? null : S3Xml.E("Delimiter", encode(delimiter)),
            S3Xml.E("IsTruncated", S3Xml.Bool(page.IsTruncated)),
            token == null ? null : S3Xml.E("ContinuationToken", token),
            page.IsTruncated ? S3Xml.E("NextContinuationToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(page.NextMarker!))) : null,
            startAfter == null ? null : S3Xml.E("StartAfter", encode(startAfter)),
            request["encoding-type"] == "url" ? S3Xml.E("EncodingType", "url") : null);
        AddEntries(root, page, encode);
        return S3Xml.WriteAsync(call.Http.Response, root);
    }

    private static void AddEntries(XElement root, ListPage page, Func<string, string> encode)
    {
        foreach (var entry in page.Entries.Where(e => e.Object != null))
        {
            var item = entry.Object!;
            root.Add(S3Xml.E("Contents",
                S3Xml.E("Key", encode(item.Key)),
                S3Xml.E("LastModified", S3Xml.Time(item.LastModified)),
                S3Xml.E("ETag", item.ETag),
                S3Xml.E("Size", item.Size),
                S3Xml.E("StorageClass", "STANDARD")));
        }
        foreach (var entry in page.Entries.Where(e => e.Object == null))
        {
            root.Add(S3Xml.E("CommonPrefixes", S3Xml.E("Prefix", encode(entry.Name))));
        }
    }

    private static int MaxKeys(string? text)
    {
        if (text == null)
        {
            return 1000;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Provided max-keys not an integer or within integer range",
                [new("ArgumentName", "max-keys"), new("ArgumentValue", text)]);
        }
        return Math.Min(value, 1000);
    }

    private static Func<string, string> Encoder(string? encodingType) =>
        encodingType == "url" ? value => SigV4.UriEncode(value, keepSlash: true) : value => value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
