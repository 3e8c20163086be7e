namespace RegDiag.Lab.S3;

/// <summary>The IAM actions S3 checks; each operation needs one (HeadObject needs GetObject, as on AWS).</summary>
internal enum S3Action
{
    GetObject,
    PutObject,
    DeleteObject,
    ListBucket,
    GetBucketLocation,
    ListBucketMultipartUploads,
    ListMultipartUploadParts,
    AbortMultipartUpload,
}
