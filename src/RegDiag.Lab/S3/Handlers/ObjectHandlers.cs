using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using RegDiag.Lab.S3.Auth;
using RegDiag.Lab.S3.Store;

namespace RegDiag.Lab.S3.Handlers;

/// <summary>HeadObject, GetObject (with Range), PutObject, CopyObject, DeleteObject, DeleteObjects.</summary>
internal static class ObjectHandlers
{
    public static async Task GetAsync(S3CallContext call, bool head)
    {
        var stored = call.RequireObject(call.Request.Key);
        var response = call.Http.Response;
        var (offset, length, partial) = ParseRange(call.Http.Request.Headers.Range.ToString(), stored.Size);
        response.StatusCode = partial ? 206 : 200;
        response.Headers.ETag = stored.ETag;
        response.Headers.LastModified = stored.LastModified.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = stored.ContentType;
        response.ContentLength = length;
        if (partial)
        {
            response.Headers.ContentRange = $"bytes {offset}-{offset + length - 1}/{stored.Size}";
        }
        if (head)
        {
            return;
        }
        await response.SendFileAsync(stored.FilePath, offset, length, call.Aborted);
    }

    public static async Task PutAsync(S3CallContext call)
    {
        var temp = call.Store.NewTempPath();
        try
        {
            var received = await S3BodyReader.ReceiveAsync(call.Http.Request, call.Identity, temp, call.Aborted);
            var etag = $"\"{Convert.ToHexStringLower(received.Md5)}\"";
            call.Store.Put(call.Request.Key, temp, received.Length, etag, ContentType(call.Http.Request), call.Now);
            call.Http.Response.Headers.ETag = etag;
            call.Http.Response.StatusCode = 200;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static async Task CopyAsync(S3CallContext call)
    {
        var source = CopySource(call);
        var (path, size, md5) = await call.Store.CopyRangeAsync(source, 0, source.Size, call.Aborted);
        try
        {
            var etag = $"\"{Convert.ToHexStringLower(md5)}\"";
            var contentType = call.Http.Request.Headers["x-amz-metadata-directive"] == "REPLACE" ? ContentType(call.Http.Request) : source.ContentType;
            var stored = call.Store.Put(call.Request.Key, path, size, etag, contentType, call.Now);
            await S3Xml.WriteAsync(call.Http.Response, S3Xml.E("CopyObjectResult",
                S3Xml.E("LastModified", S3Xml.Time(stored.LastModified)),
                S3Xml.E("ETag", stored.ETag)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static Task DeleteAsync(S3CallContext call)
    {
        call.Store.Delete(call.Request.Key);
        call.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    public static async Task DeleteManyAsync(S3CallContext call)
    {
        var document = S3Xml.Parse(await S3BodyReader.ReadSmallAsync(call.Http.Request, call.Identity, call.Store.NewTempPath(), call.Aborted));
        var quiet = S3Xml.Child(document, "Quiet") == "true";
        var objects = S3Xml.Children(document, "Object").ToList();
        if (objects.Count is 0 or > 1000)
        {
            throw new S3Exception(S3ErrorCode.MalformedXml);
        }
        var allowed = call.Options.Policy.Allows(S3Action.DeleteObject, call.Identity.Presigned);
        var result = S3Xml.E("DeleteResult");
        foreach (var item in objects)
        {
            var key = S3Xml.Child(item, "Key") ?? throw new S3Exception(S3ErrorCode.MalformedXml);
            if (!allowed)
            {
                result.Add(S3Xml.E("Error", S3Xml.E("Key", key), S3Xml.E("Code", "AccessDenied"), S3Xml.E("Message", "Access Denied")));
                continue;
            }
            call.Store.Delete(key);
            if (!quiet)
            {
                result.Add(S3Xml.E("Deleted", S3Xml.E("Key", key)));
            }
        }
        await S3Xml.WriteAsync(call.Http.Response, result);
    }

    /// <summary>The object named by x-amz-copy-source ("[/]bucket/key", URL-encoded), after the source's own policy check.</summary>
    public static StoredObject CopySource(S3CallContext call)
    {
        var header = Uri.UnescapeDataString(call.Http.Request.Headers["x-amz-copy-source"].ToString());
        var question = header.IndexOf("?versionId=", StringComparison.Ordinal);
        if (question >= 0)
        {
            header = header[..question];
        }
        header = header.TrimStart('/');
        var slash = header.IndexOf('/');
        if (slash <= 0 || slash == header.Length - 1)
        {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                [new("ArgumentName", "x-amz-copy-source"), new("ArgumentValue", header)]);
        }
        if (header[..slash] != call.Options.Bucket)
        {
            throw new S3Exception(S3ErrorCode.NoSuchBucket, null, [new("BucketName", header[..slash])]);
        }
        call.Require(S3Action.GetObject);
        return call.RequireObject(header[(slash + 1)..]);
    }

    /// <summary>
    /// A single "bytes=" range as S3 reads it: unparsable or multiple ranges mean the whole object; a start past
    /// the end is 416 InvalidRange.
    /// </summary>
    public static (long Offset, long Length, bool Partial) ParseRange(string header, long size)
    {
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(','))
        {
            return (0, size, false);
        }
        var spec = header["bytes=".Length..];
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return (0, size, false);
        }
        var startText = spec[..dash].Trim();
        var endText = spec[(dash + 1)..].Trim();
        long start, end;
        if (startText.Length == 0)
        {
            if (!long.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix) || suffix == 0)
            {
                return (0, size, false);
            }
            start = Math.Max(0, size - suffix);
            end = size - 1;
        }
        else
        {
            if (!long.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out start))
            {
                return (0, size, false);
            }
            end = size - 1;
            if (endText.Length > 0)
            {
                if (!long.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
                {
                    return (0, size, false);
                }
                end = Math.Min(end, size - 1);
            }
        }
        if (start >= size)
        {
            throw new S3Exception(S3ErrorCode.InvalidRange, null,
                [new("RangeRequested", header), new("ActualObjectSize", size.ToString(CultureInfo.InvariantCulture))]);
        }
        return (start, end - start + 1, true);
    }

    private static string ContentType(HttpRequest request) =>
        string.IsNullOrEmpty(request.ContentType) ? "binary/octet-stream" : request.ContentType;

    internal static string MultipartETag(IEnumerable<byte[]> partMd5s, int count)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (var digest in partMd5s)
        {
            md5.AppendData(digest);
        }
        return $"\"{Convert.ToHexStringLower(md5.GetHashAndReset())}-{count}\"";
    }
}
