using Amazon.Runtime;
using Amazon.S3;

namespace RegDiag.Lab.Storage;

/// <summary>
/// Maps SDK failures to what distribution's s3aws driver reports: NoSuchKey is a missing path; anything else
/// becomes "s3aws: Code: Message\n\tstatus code: N, request id: ID, host id: HID", the text aws-sdk-go
/// prints and the registry logs as err.detail.
/// </summary>
internal static class S3DriverErrors
{
    public const string DriverName = "s3aws";

    public static Exception Map(Exception error, string path)
    {
        switch (error)
        {
            case AmazonS3Exception s3 when s3.ErrorCode is "NoSuchKey" || (s3.StatusCode == System.Net.HttpStatusCode.NotFound && s3.ErrorCode is null or "NotFound"):
                return new PathNotFoundException(path, DriverName);
            case AmazonS3Exception s3:
                return new StorageException(
                    $"{DriverName}: {s3.ErrorCode ?? s3.StatusCode.ToString()}: {s3.Message}\n\tstatus code: {(int)s3.StatusCode}, request id: {s3.RequestId}, host id: {s3.AmazonId2}", error);
            case AmazonServiceException or HttpRequestException or AmazonClientException:
                return new StorageException($"{DriverName}: {error.Message}", error);
            default:
                return error;
        }
    }
}
