namespace RegDiag.Lab.S3;

/// <summary>An S3 error as the service reports it: the code in the XML body, its HTTP status and default message.</summary>
internal sealed record S3ErrorCode(string Code, int Status, string Message)
{
    // Codes, statuses and messages as AWS documents them (S3 API reference, "Error responses").
    public static readonly S3ErrorCode AccessDenied = new("AccessDenied", 403, "Access Denied");
    public static readonly S3ErrorCode AuthorizationHeaderMalformed = new("AuthorizationHeaderMalformed", 400, "The authorization header is malformed");
    public static readonly S3ErrorCode AuthorizationQueryParametersError = new("AuthorizationQueryParametersError", 400, "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    public static readonly S3ErrorCode BadDigest = new("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
    public static readonly S3ErrorCode EntityTooSmall = new("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.");
    public static readonly S3ErrorCode IncompleteBody = new("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header");
    public static readonly S3ErrorCode InternalError = new("InternalError", 500, "We encountered an internal error. Please try again.");
    public static readonly S3ErrorCode InvalidAccessKeyId = new("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.");
    public static readonly S3ErrorCode InvalidArgument = new("InvalidArgument", 400, "Invalid Argument");
    public static readonly S3ErrorCode InvalidPart = new("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.");
    public static readonly S3ErrorCode InvalidPartOrder = new("InvalidPartOrder", 400, "The list of parts was not in ascending order. Parts must be ordered by part number.");
    public static readonly S3ErrorCode InvalidRange = new("InvalidRange", 416, "The requested range is not satisfiable");
    public static readonly S3ErrorCode InvalidRequest = new("InvalidRequest", 400, "Invalid Request");
    public static readonly S3ErrorCode MalformedXml = new("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema");
    public static readonly S3ErrorCode MethodNotAllowed = new("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
    public static readonly S3ErrorCode NoSuchBucket = new("NoSuchBucket", 404, "The specified bucket does not exist");
    public static readonly S3ErrorCode NoSuchKey = new("NoSuchKey", 404, "The specified key does not exist.");
    public static readonly S3ErrorCode NoSuchUpload = new("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");
    public static readonly S3ErrorCode NotImplemented = new("NotImplemented", 501, "A header you provided implies functionality that is not implemented");
    public static readonly S3ErrorCode RequestTimeTooSkewed = new("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.");
    public static readonly S3ErrorCode SignatureDoesNotMatch = new("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    public static readonly S3ErrorCode XAmzContentSha256Mismatch = new("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
}
