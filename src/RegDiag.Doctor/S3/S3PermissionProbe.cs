using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace RegDiag.Doctor.S3;

/// <summary>
/// Calls every S3 API the registry's driver uses, on a probe key under the registry's root directory, and
/// records which the credentials may call. Everything it creates is removed again (an upload it could not
/// abort or an object it could not delete is reported).
/// </summary>
internal sealed class S3PermissionProbe(IAmazonS3 client, string bucket, string keyPrefix, bool encrypt)
{
    public static readonly S3Action Put = new("PutObject", "s3:PutObject", false, "writing links, tags, manifests; uploads");
    public static readonly S3Action Head = new("HeadObject", "s3:GetObject", false, "existence checks; blob HEAD");
    public static readonly S3Action Get = new("GetObject", "s3:GetObject", false, "reading manifests and links; redirected blob GETs");
    public static readonly S3Action List = new("ListObjectsV2", "s3:ListBucket", false, "tags list, catalog, commit, Stat fallback");
    public static readonly S3Action CreateMultipart = new("CreateMultipartUpload", "s3:PutObject", false, "layer uploads (POST/PATCH/PUT)");
    public static readonly S3Action ListUploads = new("ListMultipartUploads", "s3:ListBucketMultipartUploads", true, "resuming an upload");
    public static readonly S3Action ListParts = new("ListParts", "s3:ListMultipartUploadParts", false, "resuming an upload");
    public static readonly S3Action Abort = new("AbortMultipartUpload", "s3:AbortMultipartUpload", false, "cancelled uploads");
    public static readonly S3Action Delete = new("DeleteObject", "s3:DeleteObject", false, "commit, delete, garbage collection");

    public string ProbeKey { get; } = $"{(keyPrefix.Length == 0 ? "" : keyPrefix + "/")}regdiag-doctor-probe/{Guid.NewGuid():N}";

    /// <summary>Objects or uploads the probe created and could not remove.</summary>
    public List<string> Leftovers { get; } = [];

    public async Task<IReadOnlyList<S3ActionResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<S3ActionResult>();
        var content = "regdiag doctor probe object; safe to delete\n";
        var putResult = await TryAsync(Put, () => client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = ProbeKey,
            ContentBody = content,
            ServerSideEncryptionMethod = encrypt ? ServerSideEncryptionMethod.AES256 : null,
        }, cancellationToken));
        results.Add(putResult);
        results.Add(await TryAsync(Head, () => client.GetObjectMetadataAsync(bucket, ProbeKey, cancellationToken)));
        results.Add(await TryAsync(Get, async () =>
        {
            using var response = await client.GetObjectAsync(bucket, ProbeKey, cancellationToken);
            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            await reader.ReadToEndAsync(cancellationToken);
        }));
        results.Add(await TryAsync(List, () => client.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = bucket,
            Prefix = ProbeKey,
            MaxKeys = 10,
        }, cancellationToken)));

        string? uploadId = null;
        var multipartKey = ProbeKey + "-upload";
        results.Add(await TryAsync(CreateMultipart, async () =>
        {
            var response = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
            {
                BucketName = bucket,
                Key = multipartKey,
                ServerSideEncryptionMethod = encrypt ? ServerSideEncryptionMethod.AES256 : null,
            }, cancellationToken);
            uploadId = response.UploadId;
        }));
        results.Add(await TryAsync(ListUploads, () => client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
        {
            BucketName = bucket,
            Prefix = multipartKey,
        }, cancellationToken)));
        if (uploadId != null)
        {
            results.Add(await TryAsync(ListParts, () => client.ListPartsAsync(new ListPartsRequest
            {
                BucketName = bucket,
                Key = multipartKey,
                UploadId = uploadId,
            }, cancellationToken)));
            var aborted = await TryAsync(Abort, () => client.AbortMultipartUploadAsync(bucket, multipartKey, uploadId, cancellationToken));
            results.Add(aborted);
            if (!aborted.Allowed)
            {
                Leftovers.Add($"multipart upload {uploadId} of {multipartKey}");
            }
        }
        else
        {
            results.Add(new S3ActionResult(ListParts, false, "NotTested", "no multipart upload to list (CreateMultipartUpload failed)"));
            results.Add(new S3ActionResult(Abort, false, "NotTested", "no multipart upload to abort (CreateMultipartUpload failed)"));
        }
        if (putResult.Allowed)
        {
            var deleted = await TryAsync(Delete, () => client.DeleteObjectAsync(bucket, ProbeKey, cancellationToken));
            results.Add(deleted);
            if (!deleted.Allowed)
            {
                Leftovers.Add($"s3://{bucket}/{ProbeKey}");
            }
        }
        else
        {
            // Deleting a key that does not exist still needs (and so tests) s3:DeleteObject.
            results.Add(await TryAsync(Delete, () => client.DeleteObjectAsync(bucket, ProbeKey, cancellationToken)));
        }
        return results;
    }

    private static async Task<S3ActionResult> TryAsync(S3Action action, Func<Task> call)
    {
        try
        {
            await call();
            return new S3ActionResult(action, true, null, null);
        }
        catch (AmazonS3Exception e)
        {
            // HEAD answers carry no body: a 403 there is AccessDenied without a code.
            var code = string.IsNullOrEmpty(e.ErrorCode) || e.ErrorCode == "Forbidden"
                ? ((int)e.StatusCode == 403 ? "AccessDenied" : ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture))
                : e.ErrorCode;
            return new S3ActionResult(action, false, code, e.Message);
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            return new S3ActionResult(action, false, "Error", e.Message);
        }
    }
}
