using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using RegDiag.Lab.S3.Auth;
using RegDiag.Lab.S3.Handlers;
using RegDiag.Lab.S3.Store;

namespace RegDiag.Lab.S3;

/// <summary>
/// One S3 request: resolve bucket/key/operation, authenticate (SigV4), check the policy, dispatch.
/// Every answer carries x-amz-request-id; errors are S3 XML documents, except on HEAD where S3 sends none.
/// </summary>
internal sealed class S3RequestHandler(S3ServerOptions options, S3ObjectStore store)
{
    private readonly SigV4Authenticator _authenticator =
        new(options.Region, new Dictionary<string, string> { [options.AccessKey] = options.SecretKey });

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        http.Response.Headers["x-amz-request-id"] = requestId;
        http.Response.Headers["x-amz-id-2"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        http.Response.Headers.Server = "AmazonS3";
        S3Request? request = null;
        try
        {
            var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path + http.Request.QueryString;
            request = S3Request.Parse(http.Request.Method, http.Request.Host.Value ?? "", rawTarget, options.VirtualHostSuffixes,
                http.Request.Headers.ContainsKey("x-amz-copy-source"));
            var now = options.Clock.GetUtcNow();
            // S3's own clock, as a skewed S3 would show it (clients compare it with theirs).
            http.Response.Headers.Date = now.UtcDateTime.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
            var identity = _authenticator.Authenticate(http.Request, request.RawPath, request.RawQuery, now);
            if (request.Bucket == null)
            {
                throw new S3Exception(S3ErrorCode.NotImplemented, "Listing buckets is not supported by the lab's S3 endpoint");
            }
            if (request.Bucket != options.Bucket)
            {
                throw new S3Exception(S3ErrorCode.NoSuchBucket, null, [new("BucketName", request.Bucket)]);
            }
            var operation = request.Operation ?? throw new S3Exception(S3ErrorCode.NotImplemented);
            var call = new S3CallContext(http, request, identity, store, options, now);
            if (operation != S3Operation.DeleteObjects)
            {
                call.Require(S3Request.ActionFor(operation));
            }
            await DispatchAsync(operation, call);
        }
        catch (S3Exception error)
        {
            await WriteErrorAsync(http, error, request, requestId);
        }
        catch (Exception error) when (error is not OperationCanceledException && !http.Response.HasStarted)
        {
            await WriteErrorAsync(http, new S3Exception(S3ErrorCode.InternalError), request, requestId);
        }
    }

    private static Task DispatchAsync(S3Operation operation, S3CallContext call) => operation switch
    {
        S3Operation.HeadBucket => BucketHandlers.HeadAsync(call),
        S3Operation.GetBucketLocation => BucketHandlers.LocationAsync(call),
        S3Operation.ListObjects => BucketHandlers.ListV1Async(call),
        S3Operation.ListObjectsV2 => BucketHandlers.ListV2Async(call),
        S3Operation.ListMultipartUploads => MultipartHandlers.ListUploadsAsync(call),
        S3Operation.DeleteObjects => ObjectHandlers.DeleteManyAsync(call),
        S3Operation.HeadObject => ObjectHandlers.GetAsync(call, head: true),
        S3Operation.GetObject => ObjectHandlers.GetAsync(call, head: false),
        S3Operation.PutObject => ObjectHandlers.PutAsync(call),
        S3Operation.CopyObject => ObjectHandlers.CopyAsync(call),
        S3Operation.DeleteObject => ObjectHandlers.DeleteAsync(call),
        S3Operation.CreateMultipartUpload => MultipartHandlers.CreateAsync(call),
        S3Operation.UploadPart => MultipartHandlers.UploadPartAsync(call),
        S3Operation.UploadPartCopy => MultipartHandlers.UploadPartCopyAsync(call),
        S3Operation.CompleteMultipartUpload => MultipartHandlers.CompleteAsync(call),
        S3Operation.AbortMultipartUpload => MultipartHandlers.AbortAsync(call),
        S3Operation.ListParts => MultipartHandlers.ListPartsAsync(call),
        _ => throw new S3Exception(S3ErrorCode.NotImplemented),
    };

    private static async Task WriteErrorAsync(HttpContext http, S3Exception error, S3Request? request, string requestId)
    {
        if (http.Response.HasStarted)
        {
            http.Abort();
            return;
        }
        http.Response.StatusCode = error.Error.Status;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }
        var root = new XElement("Error",
            new XElement("Code", error.Error.Code),
            new XElement("Message", error.Message),
            error.Error == S3ErrorCode.NoSuchKey && request != null ? new XElement("Key", request.Key) : null,
            error.Error == S3ErrorCode.NoSuchBucket && request?.Bucket != null && !error.Fields.Any(f => f.Key == "BucketName")
                ? new XElement("BucketName", request.Bucket) : null,
            error.Fields.Where(f => !(error.Error == S3ErrorCode.NoSuchKey && f.Key == "Key")).Select(f => new XElement(f.Key, f.Value)),
            new XElement("RequestId", requestId),
            new XElement("HostId", http.Response.Headers["x-amz-id-2"].ToString()));
        // Kestrel would otherwise hold the connection to drain an unread upload body.
        http.Response.Headers.Connection = http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0 ? "close" : default;
        await S3Xml.WriteAsync(http.Response, root, error.Error.Status);
    }
}
