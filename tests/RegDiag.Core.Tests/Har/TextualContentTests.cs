using RegDiag.Core.Har;

namespace RegDiag.Core.Tests.Har;

/// <summary>Pins each rule of the one textual-body definition the proxy, the HAR reader and doctor share.</summary>
public sealed class TextualContentTests
{
    [Theory]
    // JSON: plain, every +json suffix a registry sends, the older x-json spelling and streamed ndjson.
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("  Application/JSON ; charset=UTF-8")]
    [InlineData("application/vnd.oci.image.manifest.v1+json")]
    [InlineData("application/vnd.oci.image.index.v1+json")]
    [InlineData("application/vnd.docker.distribution.manifest.v2+json")]
    [InlineData("application/vnd.docker.container.image.v1+json")]
    [InlineData("application/problem+json")]
    [InlineData("application/x-json")]
    [InlineData("application/x-ndjson")]
    // Docker schema 1 signed manifests.
    [InlineData("application/vnd.docker.distribution.manifest.v1+prettyjws")]
    // XML: S3 errors and listings, text/xml, +xml suffixes.
    [InlineData("application/xml")]
    [InlineData("text/xml; charset=utf-8")]
    [InlineData("image/svg+xml")]
    // Text, token POST forms, scripts.
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("text/html")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/javascript")]
    public void IsTextual_TextualMediaType_True(string contentType)
    {
        Assert.True(TextualContent.IsTextual(contentType));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("application/octet-stream")]
    [InlineData("application/vnd.oci.image.layer.v1.tar+gzip")]
    [InlineData("application/vnd.oci.image.layer.v1.tar+zstd")]
    [InlineData("application/vnd.docker.image.rootfs.diff.tar.gzip")]
    [InlineData("application/gzip")]
    [InlineData("application/x-tar")]
    [InlineData("image/png")]
    [InlineData("multipart/form-data; boundary=x")]
    public void IsTextual_BinaryOrMissingMediaType_False(string? contentType)
    {
        Assert.False(TextualContent.IsTextual(contentType));
    }

    [Theory]
    [InlineData("application/json", null, true)]
    [InlineData("application/json", "", true)]
    [InlineData("application/json", "identity", true)]
    [InlineData("application/json", " Identity ", true)]
    [InlineData("application/json", "gzip", false)]
    [InlineData("application/xml", "br", false)]
    [InlineData("text/plain", "identity, gzip", false)]
    [InlineData("application/octet-stream", null, false)]
    public void IsTextualBody_ContentCodedBody_IsNotText(string contentType, string? contentEncoding, bool textual)
    {
        Assert.Equal(textual, TextualContent.IsTextualBody(contentType, contentEncoding));
    }

    [Theory]
    [InlineData("application/octet-stream", true)]
    [InlineData("application/gzip", true)]
    [InlineData("application/x-gzip", true)]
    [InlineData("application/x-tar", true)]
    [InlineData("application/vnd.oci.image.layer.v1.tar", true)]
    [InlineData("application/vnd.oci.image.layer.v1.tar+gzip", true)]
    [InlineData("application/vnd.oci.image.layer.v1.tar+zstd", true)]
    [InlineData("application/vnd.docker.image.rootfs.diff.tar.gzip", true)]
    [InlineData("application/vnd.example.target.v1", false)]
    [InlineData("image/png", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("application/json", false)]
    [InlineData("text/plain", false)]
    [InlineData(null, false)]
    public void IsKnownBinary_MediaType_OnlyLayersArchivesAndImages(string? contentType, bool binary)
    {
        Assert.Equal(binary, TextualContent.IsKnownBinary(contentType));
    }
}
