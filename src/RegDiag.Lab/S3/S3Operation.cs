namespace RegDiag.Lab.S3;

/// <summary>The S3 API operations the endpoint serves, as named in the S3 API reference.</summary>
internal enum S3Operation
{
    HeadBucket,
    GetBucketLocation,
    ListObjects,
    ListObjectsV2,
    ListMultipartUploads,
    DeleteObjects,
    HeadObject,
    GetObject,
    PutObject,
    CopyObject,
    DeleteObject,
    CreateMultipartUpload,
    UploadPart,
    UploadPartCopy,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListParts,
}
