namespace RegDiag.Doctor.S3;

/// <summary>
/// One S3 call the registry makes, the IAM action that permits it and what it is for (registry-failures.md §2).
/// <paramref name="OnBucket"/> says whether the action applies to arn:aws:s3:::BUCKET (else BUCKET/*).
/// </summary>
public sealed record S3Action(string Operation, string IamAction, bool OnBucket, string UsedFor);
