using System.Net;
using RegDiag.Core.Model;
using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Connect;

/// <summary>Which tunnels are intercepted, and what happens when the client does not trust the proxy's CA.</summary>
public sealed class TunnelTests(OriginFixture origins) : IClassFixture<OriginFixture>
{
    [Theory]
    [InlineData("origin.*", null)]
    [InlineData(null, "registry.test")]
    public async Task PassthroughOrOutsideIntercept_TunnelsWithoutInterception(string? passthrough, string? intercept)
    {
        await using var proxy = await ProxyHarness.StartAsync(o => o with
        {
            Passthrough = passthrough == null ? [] : [passthrough],
            Intercept = intercept == null ? [] : [intercept],
        });
        // The client trusts only the origin's own CA: it succeeds only if the proxy does not intercept.
        using var client = proxy.CreateClient(trust: origins.Pki.Ca);

        var response = await client.GetAsync(origins.Https.BaseUrl + "/pinned");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        client.Dispose();
        var tunnel = proxy.Sink.WaitFor(e => e.Request.Method == "CONNECT", "for the tunnel");
        Assert.Equal($"origin.test:{origins.Https.Port}", tunnel.Request.Url);
        Assert.Equal(200, tunnel.Response!.Status);
        Assert.True(tunnel.Request.Body.Size > 0 && tunnel.Response.Body.Size > 0);
        Assert.DoesNotContain(proxy.Sink.Snapshot(), e => e.Request.Method == "GET");
    }

    [Fact]
    public async Task Passthrough_UpstreamDown_Gives502()
    {
        await using var proxy = await ProxyHarness.StartAsync(o => o with { Passthrough = ["*"] });
        using var client = proxy.CreateClient(trust: origins.Pki.Ca);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync($"https://origin.test:{Forwarding.ForwardingTests.ClosedPort()}/"));

        Assert.Contains("502", failure.Message);
        var tunnel = proxy.Sink.WaitFor(e => e.Request.Method == "CONNECT", "for the tunnel");
        Assert.Equal(ExchangeErrorKind.UpstreamConnect, tunnel.Error?.Kind);
    }

    [Fact]
    public async Task ClientNotTrustingTheCa_IsRecordedAsHandshakeFailureWithTheInstallHint()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);

        var curl = await ExternalTool.RunAsync("curl", ["-sS", "--proxy", proxy.Server.ProxyUri, origins.Https.BaseUrl + "/"]);

        Assert.Equal(60, curl.ExitCode);
        var exchange = proxy.Sink.WaitFor(e => e.Error != null, "with an error");
        Assert.Equal(ExchangeErrorKind.ClientTlsHandshake, exchange.Error!.Kind);
        Assert.Contains("install-ca.sh", exchange.Error.Message);
        Assert.Contains("origin.test", exchange.Error.Message);
        Assert.True(exchange.Timings.EndMs > 0);
    }
}
