namespace RegDiag.Lab.S3;

/// <summary>
/// What the storage identity may do: everything the distribution S3 driver needs unless denied here.
/// A deny limited to presigned requests (a bucket policy conditioned on s3:authType = REST-QUERY-STRING)
/// makes the URLs handed to clients fail while the registry's own header-signed calls work: GitLab's
/// "unexpected 403 during push", where the registry's pushes succeed and the client's HEAD on S3 gets 403.
/// </summary>
internal sealed class S3Policy
{
    public static readonly S3Policy AllowAll = new([]);

    public S3Policy(IReadOnlyList<S3PolicyRule> denies)
    {
        Denies = denies;
    }

    public IReadOnlyList<S3PolicyRule> Denies { get; }

    public S3Policy Deny(S3Action action, bool presignedOnly = false) => new([.. Denies, new S3PolicyRule(action, presignedOnly)]);

    public bool Allows(S3Action action, bool presigned) =>
        !Denies.Any(rule => rule.Action == action && (!rule.PresignedOnly || presigned));
}
