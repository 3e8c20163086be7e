namespace RegDiag.Lab.Errors;

/// <summary>
/// The registry's error register: the OCI distribution spec codes plus distribution's own
/// (errcode/register.go and api/v2 errors). Registered once; a duplicate value fails at start-up.
/// </summary>
internal static class ErrorCodes
{
    private static readonly Dictionary<string, ErrorDescriptor> ByValue = new(StringComparer.Ordinal);

    public static readonly ErrorDescriptor Unknown = Register("UNKNOWN", "unknown error",
        "Generic error returned when the error does not have an API classification.", 500);
    public static readonly ErrorDescriptor Unsupported = Register("UNSUPPORTED", "The operation is unsupported.",
        "The operation was unsupported due to a missing implementation or invalid set of parameters.", 405);
    public static readonly ErrorDescriptor Unauthorized = Register("UNAUTHORIZED", "authentication required",
        "The access controller was unable to authenticate the client.", 401);
    public static readonly ErrorDescriptor Denied = Register("DENIED", "requested access to the resource is denied",
        "The access controller denied access for the operation on a resource.", 403);
    public static readonly ErrorDescriptor Unavailable = Register("UNAVAILABLE", "service unavailable",
        "Returned when a service is not available.", 503);
    public static readonly ErrorDescriptor TooManyRequests = Register("TOOMANYREQUESTS", "too many requests",
        "Returned when a client attempts to contact a service too many times.", 429);
    public static readonly ErrorDescriptor DigestInvalid = Register("DIGEST_INVALID", "provided digest did not match uploaded content",
        "The digest did not match the content, or the digest could not be parsed.", 400);
    public static readonly ErrorDescriptor SizeInvalid = Register("SIZE_INVALID", "provided length did not match content length",
        "The length given in Content-Length or the upload did not match the content.", 400);
    public static readonly ErrorDescriptor RangeInvalid = Register("RANGE_INVALID", "invalid content range",
        "The chunk's Content-Range does not start where the upload ends (out-of-order chunk).", 416);
    public static readonly ErrorDescriptor NameInvalid = Register("NAME_INVALID", "invalid repository name",
        "The repository name is not valid.", 400);
    public static readonly ErrorDescriptor TagInvalid = Register("TAG_INVALID", "manifest tag did not match URI",
        "The tag in the manifest does not match the URI tag.", 400);
    public static readonly ErrorDescriptor NameUnknown = Register("NAME_UNKNOWN", "repository name not known to registry",
        "The repository is not known to the registry.", 404);
    public static readonly ErrorDescriptor ManifestUnknown = Register("MANIFEST_UNKNOWN", "manifest unknown",
        "The named manifest (tag or digest) is not known to the registry.", 404);
    public static readonly ErrorDescriptor ManifestInvalid = Register("MANIFEST_INVALID", "manifest invalid",
        "The manifest could not be parsed or failed validation.", 400);
    public static readonly ErrorDescriptor ManifestUnverified = Register("MANIFEST_UNVERIFIED", "manifest failed signature verification",
        "The manifest's signature could not be verified.", 400);
    public static readonly ErrorDescriptor ManifestBlobUnknown = Register("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry",
        "The manifest references a blob that the repository does not hold; detail names the digest.", 400);
    public static readonly ErrorDescriptor BlobUnknown = Register("BLOB_UNKNOWN", "blob unknown to registry",
        "The blob is not known to the repository.", 404);
    public static readonly ErrorDescriptor BlobUploadUnknown = Register("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry",
        "The upload session does not exist (finished, cancelled, or on another instance).", 404);
    public static readonly ErrorDescriptor BlobUploadInvalid = Register("BLOB_UPLOAD_INVALID", "blob upload invalid",
        "The upload session's state token is invalid or the upload cannot be completed.", 404);
    public static readonly ErrorDescriptor PaginationNumberInvalid = Register("PAGINATION_NUMBER_INVALID", "invalid number of results requested",
        "The n parameter is not a valid number of results.", 400);

    public static IReadOnlyCollection<ErrorDescriptor> All => ByValue.Values;

    public static ErrorDescriptor? Find(string value) => ByValue.GetValueOrDefault(value);

    private static ErrorDescriptor Register(string value, string message, string description, int status)
    {
        var descriptor = new ErrorDescriptor(value, message, description, status);
        if (!ByValue.TryAdd(value, descriptor))
        {
            throw new InvalidOperationException($"error code {value} is already registered");
        }
        return descriptor;
    }
}
