namespace RegDiag.Lab.S3;

/// <summary>Where a lab's S3 endpoint is and the identity its registry uses (the secret key is in config.yml).</summary>
public sealed record LabS3Endpoint(Uri Endpoint, string Bucket, string Region, string AccessKey);
