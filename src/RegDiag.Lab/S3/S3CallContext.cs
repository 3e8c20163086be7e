using Microsoft.AspNetCore.Http;
using RegDiag.Lab.S3.Auth;
using RegDiag.Lab.S3.Store;

namespace RegDiag.Lab.S3;

/// <summary>Everything an operation handler needs about one authenticated request.</summary>
internal sealed record S3CallContext(
    HttpContext Http, S3Request Request, S3Identity Identity, S3ObjectStore Store, S3ServerOptions Options, DateTimeOffset Now)
{
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Throws AccessDenied unless the policy allows the action for this request.</summary>
    public void Require(S3Action action)
    {
        if (!Options.Policy.Allows(action, Identity.Presigned))
        {
            throw new S3Exception(S3ErrorCode.AccessDenied);
        }
    }

    /// <summary>The object, or the error S3 gives for a missing one: 404 NoSuchKey with s3:ListBucket, else 403.</summary>
    public StoredObject RequireObject(string key) =>
        Store.Get(key) ?? throw (Options.Policy.Allows(S3Action.ListBucket, Identity.Presigned)
            ? new S3Exception(S3ErrorCode.NoSuchKey, null, [new("Key", key)])
            : new S3Exception(S3ErrorCode.AccessDenied));
}
