using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.S3;

/// <summary>Published by the s3 check: the object store's clock.</summary>
public sealed record S3Facts(ClockSample? Clock);
