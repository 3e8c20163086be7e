using System.Net;
using System.Net.Sockets;
using System.Text;
using RegDiag.Core.Model;
using RegDiag.Proxy.Tests.Fixtures;

namespace RegDiag.Proxy.Tests.Connect;

/// <summary>Whatever a client sends, the proxy closes that connection cleanly and keeps serving the next one.</summary>
public sealed class BadInputTests(OriginFixture origins) : IClassFixture<OriginFixture>
{
    [Theory]
    [InlineData("\u0016\u0003\u0001\u0002\u0000garbage\r\n\r\n")]
    [InlineData("GET\r\n\r\n")]
    [InlineData("CONNECT\r\n\r\n")]
    [InlineData("CONNECT no-port HTTP/1.1\r\n\r\n")]
    [InlineData("GET /not-a-proxy-request HTTP/1.1\r\nHost: x\r\n\r\n")]
    public async Task Garbage_GetsAnErrorAndTheProxyKeepsServing(string garbage)
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(proxy.Server.Endpoint);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.Latin1.GetBytes(garbage));
            var head = await RawTunnel.ReadHeadAsync(stream);
            Assert.Matches("^HTTP/1.1 4[0-9][0-9] ", head);
        }

        await AssertStillServingAsync(proxy);
    }

    [Fact]
    public async Task PlainRequestToTheProxyItself_IsRefusedNotLooped()
    {
        await using var proxy = await ProxyHarness.StartAsync();
        using var client = proxy.CreateClient();

        var response = await client.GetAsync($"http://127.0.0.1:{proxy.Server.Endpoint.Port}/loop");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("loop", await response.Content.ReadAsStringAsync());
        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.EndsWith("/loop"), "for the refused request");
        Assert.Equal(Core.Model.ExchangeErrorKind.BadRequest, exchange.Error?.Kind);
        Assert.Single(proxy.Sink.Snapshot());
    }

    [Fact]
    public async Task UnknownMethod_IsForwardedAsSent()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        var authority = $"origin.test:{origins.Https.Port}";
        await using var tunnel = await RawTunnel.OpenAsync(proxy, authority);

        await tunnel.SendAsync($"FROBNICATE /m HTTP/1.1\r\nHost: {authority}\r\nContent-Length: 0\r\n\r\n");
        var (_, body) = await tunnel.ReadResponseAsync();

        Assert.Equal("FROBNICATE", Echo.Parse(body).Method);
    }

    [Fact]
    public async Task OversizedHeader_Gets431AndTheProxyKeepsServing()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        var authority = $"origin.test:{origins.Https.Port}";
        await using (var tunnel = await RawTunnel.OpenAsync(proxy, authority))
        {
            await tunnel.SendAsync($"GET /big HTTP/1.1\r\nHost: {authority}\r\nX-Big: {new string('x', 64 * 1024)}\r\n\r\n");
            var head = await RawTunnel.ReadHeadAsync(tunnel.Stream);
            Assert.StartsWith("HTTP/1.1 431", head);
        }
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(proxy.Server.Endpoint);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {authority} HTTP/1.1\r\nX-Big: {new string('y', 40 * 1024)}\r\n\r\n"));
            Assert.StartsWith("HTTP/1.1 400", await RawTunnel.ReadHeadAsync(tcp.GetStream()));
        }

        await AssertStillServingAsync(proxy);
    }

    [Fact]
    public async Task ClientVanishingMidBody_IsRecordedAndTheProxyKeepsServing()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        var authority = $"origin.test:{origins.Https.Port}";
        await using (var tunnel = await RawTunnel.OpenAsync(proxy, authority))
        {
            await tunnel.SendAsync($"PUT /vanish HTTP/1.1\r\nHost: {authority}\r\nContent-Length: 10000000\r\n\r\n");
            await tunnel.Stream.WriteAsync(new byte[1024 * 1024]);
            await tunnel.Stream.FlushAsync();
            // Let the proxy start streaming the body upstream before the client disappears.
            await Task.Delay(500);
        }

        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.EndsWith("/vanish"), "for the PUT cut short");
        Assert.Equal(ExchangeErrorKind.ClientAborted, exchange.Error?.Kind);
        Assert.InRange(exchange.Request.Body.Size, 1, 10_000_000 - 1);
        await AssertStillServingAsync(proxy);
    }

    private async Task AssertStillServingAsync(ProxyHarness proxy)
    {
        using var client = proxy.CreateClient();
        var response = await client.GetAsync(origins.Https.BaseUrl + "/still-serving");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
