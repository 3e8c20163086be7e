using RegDiag.Core.Model;
using RegDiag.Proxy.Tests.Fixtures;

namespace RegDiag.Proxy.Tests.Forwarding;

/// <summary>
/// The upstream sees the TLS name the client chose: SocketsHttpHandler alone would take it from the Host
/// header, which a fronted or name-routed endpoint does not match.
/// </summary>
public sealed class ClientSniTests(OriginFixture origins) : IClassFixture<OriginFixture>
{
    [Fact]
    public async Task SniDifferentFromHost_UpstreamSeesTheClientsSniAndTheExactRequest()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        var authority = $"origin.test:{origins.Https.Port}";
        await using var tunnel = await RawTunnel.OpenAsync(proxy, authority, sni: "other.test");
        const string target = "/bucket/a%2Fb/../c?X-Amz-Signature=s%2F1";

        for (var i = 0; i < 2; i++)
        {
            await tunnel.SendAsync($"GET {target} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
            var (head, body) = await tunnel.ReadResponseAsync();

            Assert.StartsWith("HTTP/1.1 200", head);
            var echo = Echo.Parse(body);
            Assert.Equal("other.test", echo.Sni);
            Assert.Equal(target, echo.RawTarget);
            Assert.Equal(authority, Assert.Single(echo.HeaderValues("Host")));
        }
        var exchange = proxy.Sink.WaitFor(e => e.Request.Method == "GET", "for the GET");
        Assert.Equal($"https://{authority}{target}", exchange.Request.Url);
        Assert.Null(exchange.Error);
    }

    [Fact]
    public async Task SniEqualToHost_UpstreamSeesThatName()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        var authority = $"origin.test:{origins.Https.Port}";
        await using var tunnel = await RawTunnel.OpenAsync(proxy, authority);

        await tunnel.SendAsync($"GET /x HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        var (_, body) = await tunnel.ReadResponseAsync();

        Assert.Equal("origin.test", Echo.Parse(body).Sni);
    }

    [Fact]
    public async Task SniTheUpstreamCertificateDoesNotCover_FailsAsUpstreamTlsWith502()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        var authority = $"origin.test:{origins.Https.Port}";
        // The origin's certificate names origin.test and other.test: the upstream check must use the SNI.
        await using var tunnel = await RawTunnel.OpenAsync(proxy, authority, sni: "registry.test");

        await tunnel.SendAsync($"GET /x HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        var (head, body) = await tunnel.ReadResponseAsync();

        Assert.StartsWith("HTTP/1.1 502", head);
        Assert.Contains("TLS", body);
        var exchange = proxy.Sink.WaitFor(e => e.Request.Method == "GET", "for the GET");
        Assert.Equal(ExchangeErrorKind.UpstreamTls, exchange.Error?.Kind);
    }
}
