namespace RegDiag.Lab.S3.Auth;

/// <summary>
/// Who signed a request and how: the verified key, whether the signature came in the query string
/// (a presigned URL handed to a client), and what the payload hash and chunk signing need.
/// </summary>
internal sealed record S3Identity(
    string AccessKey,
    bool Presigned,
    string PayloadHash,
    byte[] SigningKey,
    string Scope,
    string AmzDate,
    string Signature);
