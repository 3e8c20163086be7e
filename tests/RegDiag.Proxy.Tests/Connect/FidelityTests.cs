using RegDiag.Core.Model;
using RegDiag.Proxy.Tests.Fixtures;

namespace RegDiag.Proxy.Tests.Connect;

/// <summary>
/// What a signature covers must reach the origin byte for byte: the request target (percent-encoding,
/// dot-segments), the Host and the other headers. One changed byte is a SignatureDoesNotMatch.
/// </summary>
public sealed class FidelityTests(OriginFixture origins) : IClassFixture<OriginFixture>
{
    public static TheoryData<string> Targets =>
    [
        "/a/./b/../c",
        "/bucket/x%2Fy%2fz/%7E%7e~?b=%20+&a=%2F&&=",
        "/docker/registry/v2/blobs/sha256/ab/..%2F..%2Fetc?X-Amz-Signature=ab%2Bcd%3D&X-Amz-Credential=AKIA%2F20260101%2Fus-east-1%2Fs3%2Faws4_request",
        "//double//slash/.%2e/?q=a%26b=c;d",
        "/odd%zz%/%C3%A9%c3%a9?%00=%ff",
    ];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task RequestTarget_OddEncodingsAndDotSegments_ReachOriginUnchanged(string target)
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        var authority = $"origin.test:{origins.Https.Port}";
        await using var tunnel = await RawTunnel.OpenAsync(proxy, authority);

        await tunnel.SendAsync($"GET {target} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        var (head, body) = await tunnel.ReadResponseAsync();

        Assert.StartsWith("HTTP/1.1 200", head);
        Assert.Equal(target, Echo.Parse(body).RawTarget);
        var exchange = proxy.Sink.WaitFor(e => e.Request.Method == "GET", "for the GET");
        Assert.Equal($"https://{authority}{target}", exchange.Request.Url);
    }

    [Fact]
    public async Task Headers_RepeatedMixedCaseAndSigned_ReachOriginWithTheirValues()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        var authority = $"origin.test:{origins.Https.Port}";
        await using var tunnel = await RawTunnel.OpenAsync(proxy, authority);

        await tunnel.SendAsync(
            $"PUT /bucket/key HTTP/1.1\r\nHost: {authority}\r\n" +
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0123abcd\r\n" +
            "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\nX-Amz-Date: 20260101T000000Z\r\n" +
            "X-Rep: a\r\nX-Rep: b\r\nx-MiXeD-Case: V  with  spaces;q=\"1\"\r\nContent-Length: 5\r\n\r\nhello");
        var (_, body) = await tunnel.ReadResponseAsync();

        var echo = Echo.Parse(body);
        Assert.Equal(authority, Assert.Single(echo.HeaderValues("Host")));
        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0123abcd",
            Assert.Single(echo.HeaderValues("Authorization")));
        Assert.Equal("UNSIGNED-PAYLOAD", Assert.Single(echo.HeaderValues("x-amz-content-sha256")));
        Assert.Equal("20260101T000000Z", Assert.Single(echo.HeaderValues("X-Amz-Date")));
        Assert.Equal("V  with  spaces;q=\"1\"", Assert.Single(echo.HeaderValues("x-MiXeD-Case")));
        // A repeated header arrives as one line with the values joined by ", " (equivalent per RFC 9110 5.3).
        Assert.Equal("a, b", string.Join(", ", echo.HeaderValues("X-Rep")));
        Assert.Equal(5, echo.BodyLength);
        var exchange = proxy.Sink.WaitFor(e => e.Request.Method == "PUT", "for the PUT");
        Assert.Equal(["a", "b"], exchange.Request.Headers.GetAll("X-Rep"));
    }
}
