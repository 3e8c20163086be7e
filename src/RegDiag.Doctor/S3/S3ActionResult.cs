namespace RegDiag.Doctor.S3;

/// <summary>How one probed S3 call went: allowed, denied (AccessDenied), or failed otherwise.</summary>
public sealed record S3ActionResult(S3Action Action, bool Allowed, string? ErrorCode, string? Message)
{
    public bool Denied => ErrorCode is "AccessDenied" or "Forbidden";
}
