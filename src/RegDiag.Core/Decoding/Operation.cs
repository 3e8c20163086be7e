namespace RegDiag.Core.Decoding;

/// <summary>
/// What an exchange did. Registry operations follow the OCI distribution spec v1.1 and the Docker Registry
/// HTTP API v2 endpoint table; storage operations are named after the S3 API (GCS and Azure map onto the same
/// names: a signed GET of an object is a GetObject whatever the store).
/// </summary>
public enum Operation
{
    Unknown,

    // Registry API
    Ping,
    Catalog,
    TagsList,
    ManifestHead,
    ManifestGet,
    ManifestPut,
    ManifestDelete,
    BlobHead,
    BlobGet,
    BlobDelete,
    UploadStart,
    UploadMonolithic,
    UploadMount,
    UploadChunk,
    UploadComplete,
    UploadStatus,
    UploadCancel,
    Referrers,

    // Token services
    TokenGet,
    TokenPost,
    GitLabJwtAuth,

    // Object storage
    GetObject,
    HeadObject,
    PutObject,
    CopyObject,
    DeleteObject,
    DeleteObjects,
    CreateMultipartUpload,
    UploadPart,
    UploadPartCopy,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListParts,
    ListMultipartUploads,
    ListObjects,
    ListObjectsV2,
    HeadBucket,
    GetBucketLocation,
    OtherBucketOperation,
}
