using System.Security.Cryptography;
using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Forwarding;

/// <summary>curl (OpenSSL) through the proxy, trusting the proxy's CA with --cacert.</summary>
public sealed class CurlTests(OriginFixture origins) : IClassFixture<OriginFixture>
{
    [Fact]
    public async Task Curl_GetWithDotSegmentsAsIs_ReachesOriginExactly()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);

        var curl = await Curl(proxy, "--path-as-is", origins.Https.BaseUrl + "/a/./b/../c%2F?x=%41");

        Assert.Equal(0, curl.ExitCode);
        Assert.Equal("/a/./b/../c%2F?x=%41", Echo.Parse(curl.Stdout).RawTarget);
    }

    [Fact]
    public async Task Curl_HeadAndChunkedUploadAndHttp2_Work()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var files = new TempDirectory();
        var payload = EchoOrigin.Pattern(1_000_000);
        File.WriteAllBytes(files.Combine("layer"), payload);

        var head = await Curl(proxy, "-I", "-o", "/dev/null", "-w", "%{http_code}", origins.Https.BaseUrl + "/head");
        var upload = await Curl(proxy, "--http1.1", "-H", "Transfer-Encoding: chunked", "-T", files.Combine("layer"), origins.Https.BaseUrl + "/upload");
        var h2 = await Curl(proxy, "--http2", "-o", "/dev/null", "-w", "%{http_version}", origins.Https.BaseUrl + "/h2");

        Assert.Equal("200", head.Stdout);
        var echo = Echo.Parse(upload.Stdout);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(payload)), echo.BodySha256);
        Assert.Equal(["chunked"], echo.HeaderValues("Transfer-Encoding"));
        Assert.Equal("2", h2.Stdout);
    }

    [Fact]
    public async Task Curl_PlainHttpInsideATunnel_IsForwardedAsHttp()
    {
        await using var proxy = await ProxyHarness.StartAsync();

        var curl = await Curl(proxy, "--proxytunnel", origins.Plain.BaseUrl + "/tunnelled?q=1");

        Assert.Equal(0, curl.ExitCode);
        Assert.Equal("/tunnelled?q=1", Echo.Parse(curl.Stdout).RawTarget);
        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.Contains("/tunnelled"), "for the tunnelled GET");
        Assert.Equal(origins.Plain.BaseUrl + "/tunnelled?q=1", exchange.Request.Url);
    }

    private static Task<ExternalTool.Result> Curl(ProxyHarness proxy, params string[] arguments) =>
        ExternalTool.RunAsync("curl", ["-sS", "--max-time", "20", "--proxy", proxy.Server.ProxyUri, "--cacert", proxy.Server.CaCertificatePath, .. arguments]);
}
