using System.Net;
using Microsoft.AspNetCore.Http;
using RegDiag.Proxy.Connect;
using RegDiag.Proxy.Forwarding;
using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Forwarding;

/// <summary>
/// The per-SNI upstream clients are bounded (least recently used evicted) and an evicted client is disposed
/// only once the requests routed to it are done.
/// </summary>
public sealed class UpstreamClientsTests(OriginFixture origins) : IClassFixture<OriginFixture>
{
    [Fact]
    public async Task Route_EvictedClientStillInUse_WorksUntilItsLastRequestEndsThenIsDisposed()
    {
        using var clients = new UpstreamClients(new UpstreamTrust([origins.Pki.CaPath], insecure: false), maxSniClients: 1);
        var port = origins.Https.Port;
        var target = new Uri($"https://127.0.0.1:{port}/x");
        var host = new HostString("127.0.0.1", port);
        var first = clients.Route(new TunnelInfo("127.0.0.1", port, "origin.test"), target, host, HttpVersion.Version11);

        clients.Route(new TunnelInfo("127.0.0.1", port, "other.test"), target, host, HttpVersion.Version11).Dispose();
        Assert.Equal(1, clients.SniClientCount);
        Assert.Equal(2, clients.LiveSniClients);
        using (var response = await first.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, first.Target), CancellationToken.None))
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("origin.test", Echo.Parse(await response.Content.ReadAsStringAsync()).Sni);
        }
        first.Dispose();

        Assert.Equal(1, clients.LiveSniClients);
        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => first.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, first.Target), CancellationToken.None));
        using var again = clients.Route(new TunnelInfo("127.0.0.1", port, "origin.test"), target, host, HttpVersion.Version11);
        Assert.NotSame(first.Client, again.Client);
    }

    [Fact]
    public void Route_SniUsedAgain_KeepsItsClientAndEvictsTheLeastRecentlyUsed()
    {
        using var clients = new UpstreamClients(new UpstreamTrust([], insecure: false), maxSniClients: 2);
        var target = new Uri("https://origin.test:443/x");
        var host = new HostString("origin.test");
        UpstreamRoute Route(string sni) => clients.Route(new TunnelInfo("origin.test", 443, sni), target, host, HttpVersion.Version11);
        using var a = Route("a.test");
        using var b = Route("b.test");

        using var aAgain = Route("A.TEST");
        using var c = Route("c.test");
        using var aThird = Route("a.test");
        using var bAgain = Route("b.test");

        Assert.Same(a.Client, aAgain.Client);
        Assert.Same(a.Client, aThird.Client);
        Assert.NotSame(b.Client, bAgain.Client);
        Assert.Equal(2, clients.SniClientCount);
    }

    [Fact]
    public void Route_Http2WithSniEqualToHost_UsesTheSharedClientAndCachesNothing()
    {
        using var clients = new UpstreamClients(new UpstreamTrust([], insecure: false));
        var target = new Uri("https://origin.test:443/x");

        using var route = clients.Route(new TunnelInfo("origin.test", 443, "Origin.Test"), target, new HostString("origin.test"), HttpVersion.Version20);

        Assert.Same(target, route.Target);
        Assert.Equal(0, clients.SniClientCount);
    }

    [Fact]
    public void Route_Http11ToAnHttpsName_GoesThroughThatNamesOwnTlsClient()
    {
        using var clients = new UpstreamClients(new UpstreamTrust([], insecure: false));
        var target = new Uri("https://origin.test:8443/v2/a%2Fb?x=1");

        using var route = clients.Route(null, target, new HostString("origin.test", 8443), HttpVersion.Version11);

        Assert.Equal("http://origin.test:8443/v2/a%2Fb?x=1", route.Target.OriginalString);
        Assert.Equal(1, clients.SniClientCount);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8443/x")]
    [InlineData("https://[::1]:8443/x")]
    [InlineData("http://origin.test:8080/x")]
    public void Route_IpLiteralOrPlainHttp_UsesTheSharedClient(string url)
    {
        using var clients = new UpstreamClients(new UpstreamTrust([], insecure: false));
        var target = new Uri(url);

        using var route = clients.Route(null, target, new HostString(target.Authority), HttpVersion.Version11);

        Assert.Same(target, route.Target);
        Assert.Equal(0, clients.SniClientCount);
    }

    [Fact]
    public async Task Proxy_MoreDistinctSnisThanTheBound_KeepsTheBoundAndFinishesTheEvictedClientsRequest()
    {
        using var directory = new TempDirectory("regdiag-sni-origin");
        using var pki = new TestPki(directory.Path);
        await using var origin = await EchoOrigin.StartAsync(pki.IssueServer("origin.test", "*.sni.test"));
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: pki.CaPath);
        var upstream = proxy.Server.Upstream;
        var authority = $"origin.test:{origin.Port}";

        // A request whose body is still on its way holds the a.sni.test client while it gets evicted.
        await using var held = await RawTunnel.OpenAsync(proxy, authority, sni: "a.sni.test");
        await held.SendAsync($"POST /x HTTP/1.1\r\nHost: {authority}\r\nContent-Length: 10\r\n\r\nhello");
        await WaitForAsync(() => upstream.SniClientCount == 1, "the held request to be routed");
        for (var i = 0; i < UpstreamClients.MaxSniClients; i++)
        {
            var sni = $"s{i}.sni.test";
            await using var tunnel = await RawTunnel.OpenAsync(proxy, authority, sni);
            await tunnel.SendAsync($"GET /x HTTP/1.1\r\nHost: {authority}\r\n\r\n");
            var (head, body) = await tunnel.ReadResponseAsync();
            Assert.StartsWith("HTTP/1.1 200", head);
            Assert.Equal(sni, Echo.Parse(body).Sni);
        }
        Assert.Equal(UpstreamClients.MaxSniClients, upstream.SniClientCount);
        Assert.Equal(UpstreamClients.MaxSniClients + 1, upstream.LiveSniClients);

        await held.SendAsync("world");
        var (heldHead, heldBody) = await held.ReadResponseAsync();

        Assert.StartsWith("HTTP/1.1 200", heldHead);
        var echo = Echo.Parse(heldBody);
        Assert.Equal("a.sni.test", echo.Sni);
        Assert.Equal(10, echo.BodyLength);
        await WaitForAsync(() => upstream.LiveSniClients == UpstreamClients.MaxSniClients, "the evicted client to be disposed");
        await held.SendAsync($"GET /x HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        var (againHead, againBody) = await held.ReadResponseAsync();
        Assert.StartsWith("HTTP/1.1 200", againHead);
        Assert.Equal("a.sni.test", Echo.Parse(againBody).Sni);
        Assert.Equal(UpstreamClients.MaxSniClients, upstream.SniClientCount);
        await WaitForAsync(() => upstream.LiveSniClients == UpstreamClients.MaxSniClients, "the next evicted client to be disposed");
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
