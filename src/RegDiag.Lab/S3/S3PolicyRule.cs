namespace RegDiag.Lab.S3;

/// <summary>A deny statement: the action, limited to presigned (query-signed) requests when <see cref="PresignedOnly"/>.</summary>
internal sealed record S3PolicyRule(S3Action Action, bool PresignedOnly);
