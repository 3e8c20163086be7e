namespace RegDiag.Doctor.Probe;

/// <summary>What a probe push did: the steps in order, and the first that failed (null when all succeeded).</summary>
public sealed record ProbePushResult(string Repository, string BlobDigest, IReadOnlyList<ProbeStep> Steps, string? ManifestDigest)
{
    public ProbeStep? FailedStep => Steps.FirstOrDefault(s => !s.Ok);

    public bool Succeeded => FailedStep == null;
}
