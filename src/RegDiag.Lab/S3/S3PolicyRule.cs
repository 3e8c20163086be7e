namespace RegDiag.Lab.S3;

/// <summary>
/// A deny statement: the action, limited to presigned requests when <see cref="PresignedOnly"/> (an IAM
/// condition on s3:authType = REST-QUERY-STRING).
/// </summary>
internal sealed record S3PolicyRule(S3Action Action, bool PresignedOnly);
