using System.Globalization;
using RegDiag.Lab.S3.Auth;
using RegDiag.Lab.S3.Store;

namespace RegDiag.Lab.S3.Handlers;

/// <summary>Create/UploadPart/UploadPartCopy/Complete/Abort multipart uploads and their listings.</summary>
internal static class MultipartHandlers
{
    private const long MinPartSize = 5 * 1024 * 1024;

    public static Task CreateAsync(S3CallContext call)
    {
        var contentType = string.IsNullOrEmpty(call.Http.Request.ContentType) ? "binary/octet-stream" : call.Http.Request.ContentType;
        var upload = call.Store.CreateUpload(call.Request.Key, contentType, call.Now);
        return S3Xml.WriteAsync(call.Http.Response, S3Xml.E("InitiateMultipartUploadResult",
            S3Xml.E("Bucket", call.Options.Bucket),
            S3Xml.E("Key", upload.Key),
            S3Xml.E("UploadId", upload.Id)));
    }

    public static async Task UploadPartAsync(S3CallContext call)
    {
        var (upload, number) = Target(call);
        var temp = call.Store.NewTempPath();
        try
        {
            var received = await S3BodyReader.ReceiveAsync(call.Http.Request, call.Identity, temp, call.Aborted);
            var part = call.Store.AddPart(upload, number, temp, received.Length, received.Md5, call.Now);
            call.Http.Response.Headers.ETag = part.ETag;
            call.Http.Response.StatusCode = 200;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static async Task UploadPartCopyAsync(S3CallContext call)
    {
        var (upload, number) = Target(call);
        var source = ObjectHandlers.CopySource(call);
        var rangeHeader = call.Http.Request.Headers["x-amz-copy-source-range"].ToString();
        var (offset, length, _) = rangeHeader.Length == 0 ? (0, source.Size, false) : ObjectHandlers.ParseRange(rangeHeader, source.Size);
        var (path, size, md5) = await call.Store.CopyRangeAsync(source, offset, length, call.Aborted);
        try
        {
            var part = call.Store.AddPart(upload, number, path, size, md5, call.Now);
            await S3Xml.WriteAsync(call.Http.Response, S3Xml.E("CopyPartResult",
                S3Xml.E("LastModified", S3Xml.Time(part.LastModified)),
                S3Xml.E("ETag", part.ETag)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task CompleteAsync(S3CallContext call)
    {
        var upload = Upload(call);
        var document = S3Xml.Parse(await S3BodyReader.ReadSmallAsync(call.Http.Request, call.Identity, call.Store.NewTempPath(), call.Aborted));
        var requested = S3Xml.Children(document, "Part")
            .Select(p => (Number: int.TryParse(S3Xml.Child(p, "PartNumber"), out var n) ? n : -1, ETag: S3Xml.Child(p, "ETag") ?? ""))
            .ToList();
        if (requested.Count == 0)
        {
            throw new S3Exception(S3ErrorCode.MalformedXml);
        }
        var stored = call.Store.ListParts(upload).ToDictionary(p => p.Number);
        var chosen = new List<StoredPart>();
        for (var i = 0; i < requested.Count; i++)
        {
            var (number, etag) = requested[i];
            if (i > 0 && number <= requested[i - 1].Number)
            {
                throw new S3Exception(S3ErrorCode.InvalidPartOrder);
            }
            if (!stored.TryGetValue(number, out var part) || part.ETag.Trim('"') != etag.Trim('"'))
            {
                throw new S3Exception(S3ErrorCode.InvalidPart, null, [new("UploadId", upload.Id), new("PartNumber", number.ToString(CultureInfo.InvariantCulture)), new("ETag", etag)]);
            }
            if (i < requested.Count - 1 && part.Size < MinPartSize)
            {
                throw new S3Exception(S3ErrorCode.EntityTooSmall, null,
                    [new("ProposedSize", part.Size.ToString(CultureInfo.InvariantCulture)), new("MinSizeAllowed", MinPartSize.ToString(CultureInfo.InvariantCulture)), new("PartNumber", number.ToString(CultureInfo.InvariantCulture)), new("ETag", etag)]);
            }
            chosen.Add(part);
        }
        if (!call.Store.RemoveUpload(upload))
        {
            throw new S3Exception(S3ErrorCode.NoSuchUpload, null, [new("UploadId", upload.Id)]);
        }
        var temp = call.Store.NewTempPath();
        try
        {
            long size = 0;
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                foreach (var part in chosen)
                {
                    await using var input = File.OpenRead(part.FilePath);
                    await input.CopyToAsync(output, call.Aborted);
                    size += part.Size;
                }
            }
            var etag = ObjectHandlers.MultipartETag(chosen.Select(p => p.Md5), chosen.Count);
            call.Store.Put(upload.Key, temp, size, etag, upload.ContentType, call.Now);
            await S3Xml.WriteAsync(call.Http.Response, S3Xml.E("CompleteMultipartUploadResult",
                S3Xml.E("Location", $"{call.Http.Request.Scheme}://{call.Http.Request.Host}/{call.Options.Bucket}/{SigV4.UriEncode(upload.Key, true)}"),
                S3Xml.E("Bucket", call.Options.Bucket),
                S3Xml.E("Key", upload.Key),
                S3Xml.E("ETag", etag)));
        }
        finally
        {
            File.Delete(temp);
            call.Store.DeleteParts(upload.Parts.Values);
        }
    }

    public static Task AbortAsync(S3CallContext call)
    {
        var upload = Upload(call);
        if (call.Store.RemoveUpload(upload))
        {
            call.Store.DeleteParts(upload.Parts.Values);
        }
        call.Http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    public static Task ListUploadsAsync(S3CallContext call)
    {
        var prefix = call.Request["prefix"] ?? "";
        var keyMarker = call.Request["key-marker"] ?? "";
        var uploadIdMarker = call.Request["upload-id-marker"] ?? "";
        var max = int.TryParse(call.Request["max-uploads"], out var m) ? Math.Clamp(m, 0, 1000) : 1000;
        var all = call.Store.ListUploads(prefix)
            .SkipWhile(u => keyMarker.Length > 0 && (string.CompareOrdinal(u.Key, keyMarker) < 0
                || (u.Key == keyMarker && (uploadIdMarker.Length == 0 || string.CompareOrdinal(u.Id, uploadIdMarker) <= 0))))
            .ToList();
        var page = all.Take(max).ToList();
        var truncated = all.Count > page.Count;
        var root = S3Xml.E("ListMultipartUploadsResult",
            S3Xml.E("Bucket", call.Options.Bucket),
            S3Xml.E("KeyMarker", keyMarker),
            S3Xml.E("UploadIdMarker", uploadIdMarker),
            S3Xml.E("NextKeyMarker", truncated ? page[^1].Key : ""),
            S3Xml.E("NextUploadIdMarker", truncated ? page[^1].Id : ""),
            S3Xml.E("Prefix", prefix),
            S3Xml.E("MaxUploads", max),
            S3Xml.E("IsTruncated", S3Xml.Bool(truncated)));
        foreach (var upload in page)
        {
            root.Add(S3Xml.E("Upload",
                S3Xml.E("Key", upload.Key),
                S3Xml.E("UploadId", upload.Id),
                Principal("Initiator", call.Identity.AccessKey),
                Principal("Owner", call.Identity.AccessKey),
                S3Xml.E("StorageClass", "STANDARD"),
                S3Xml.E("Initiated", S3Xml.Time(upload.Initiated))));
        }
        return S3Xml.WriteAsync(call.Http.Response, root);
    }

    public static Task ListPartsAsync(S3CallContext call)
    {
        var upload = Upload(call);
        var marker = int.TryParse(call.Request["part-number-marker"], out var pm) ? pm : 0;
        var max = int.TryParse(call.Request["max-parts"], out var m) ? Math.Clamp(m, 0, 1000) : 1000;
        var all = call.Store.ListParts(upload).Where(p => p.Number > marker).ToList();
        var page = all.Take(max).ToList();
        var truncated = all.Count > page.Count;
        var root = S3Xml.E("ListPartsResult",
            S3Xml.E("Bucket", call.Options.Bucket),
            S3Xml.E("Key", upload.Key),
            S3Xml.E("UploadId", upload.Id),
            Principal("Initiator", call.Identity.AccessKey),
            Principal("Owner", call.Identity.AccessKey),
            S3Xml.E("StorageClass", "STANDARD"),
            S3Xml.E("PartNumberMarker", marker),
            S3Xml.E("NextPartNumberMarker", page.Count > 0 ? page[^1].Number : 0),
            S3Xml.E("MaxParts", max),
            S3Xml.E("IsTruncated", S3Xml.Bool(truncated)));
        foreach (var part in page)
        {
            root.Add(S3Xml.E("Part",
                S3Xml.E("PartNumber", part.Number),
                S3Xml.E("LastModified", S3Xml.Time(part.LastModified)),
                S3Xml.E("ETag", part.ETag),
                S3Xml.E("Size", part.Size)));
        }
        return S3Xml.WriteAsync(call.Http.Response, root);
    }

    private static System.Xml.Linq.XElement Principal(string name, string id) =>
        S3Xml.E(name, S3Xml.E("ID", id), S3Xml.E("DisplayName", "regdiag-lab"));

    private static MultipartUpload Upload(S3CallContext call) =>
        call.Store.GetUpload(call.Request.Key, call.Request["uploadId"] ?? "")
            ?? throw new S3Exception(S3ErrorCode.NoSuchUpload, null, [new("UploadId", call.Request["uploadId"] ?? "")]);

    private static (MultipartUpload Upload, int Number) Target(S3CallContext call)
    {
        if (!int.TryParse(call.Request["partNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 10000)
        {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive",
                [new("ArgumentName", "partNumber"), new("ArgumentValue", call.Request["partNumber"] ?? "")]);
        }
        return (Upload(call), number);
    }
}
