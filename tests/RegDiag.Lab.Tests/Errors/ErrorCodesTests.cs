using RegDiag.Lab.Errors;

namespace RegDiag.Lab.Tests.Errors;

public sealed class ErrorCodesTests
{
    /// <summary>The OCI distribution spec's error code table, with distribution's HTTP statuses.</summary>
    [Theory]
    [InlineData("BLOB_UNKNOWN", 404, "blob unknown to registry")]
    [InlineData("BLOB_UPLOAD_INVALID", 404, "blob upload invalid")]
    [InlineData("BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry")]
    [InlineData("DIGEST_INVALID", 400, "provided digest did not match uploaded content")]
    [InlineData("MANIFEST_BLOB_UNKNOWN", 400, "blob unknown to registry")]
    [InlineData("MANIFEST_INVALID", 400, "manifest invalid")]
    [InlineData("MANIFEST_UNKNOWN", 404, "manifest unknown")]
    [InlineData("NAME_INVALID", 400, "invalid repository name")]
    [InlineData("NAME_UNKNOWN", 404, "repository name not known to registry")]
    [InlineData("SIZE_INVALID", 400, "provided length did not match content length")]
    [InlineData("UNAUTHORIZED", 401, "authentication required")]
    [InlineData("DENIED", 403, "requested access to the resource is denied")]
    [InlineData("UNSUPPORTED", 405, "The operation is unsupported.")]
    [InlineData("TOOMANYREQUESTS", 429, "too many requests")]
    [InlineData("RANGE_INVALID", 416, "invalid content range")]
    [InlineData("UNAVAILABLE", 503, "service unavailable")]
    [InlineData("UNKNOWN", 500, "unknown error")]
    public void Register_SpecCode_HasDistributionMessageAndStatus(string code, int status, string message)
    {
        var descriptor = ErrorCodes.Find(code);

        Assert.NotNull(descriptor);
        Assert.Equal(status, descriptor.HttpStatus);
        Assert.Equal(message, descriptor.Message);
    }

    [Fact]
    public void Register_LogNames_AreLowerCaseWithSpaces()
    {
        Assert.All(ErrorCodes.All, d => Assert.Equal(d.Value.ToLowerInvariant().Replace('_', ' '), d.LogName));
        Assert.Equal("blob upload unknown", ErrorCodes.BlobUploadUnknown.LogName);
    }

    [Fact]
    public void Body_ErrorWithoutDetail_OmitsDetail()
    {
        var body = System.Text.Encoding.UTF8.GetString(ErrorResponse.Body([RegistryError.Of(ErrorCodes.Denied)]));

        Assert.Equal("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}\n", body);
    }
}
