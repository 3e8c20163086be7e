using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using RegDiag.Core.Journal;
using RegDiag.Core.Model;
using RegDiag.Proxy.Tests.Fixtures;

namespace RegDiag.Proxy.Tests.Forwarding;

/// <summary>HttpClient through the proxy (CONNECT, TLS with the proxy's CA) to a real HTTPS origin.</summary>
public sealed class ForwardingTests(OriginFixture origins) : IClassFixture<OriginFixture>
{
    [Fact]
    public async Task Get_ThroughTunnel_ReachesOriginAndIsRecorded()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient();

        var response = await client.GetAsync(origins.Https.BaseUrl + "/v2/?q=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = Echo.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("/v2/?q=1", echo.RawTarget);
        Assert.Equal($"origin.test:{origins.Https.Port}", Assert.Single(echo.HeaderValues("Host")));
        Assert.Empty(echo.HeaderValues("traceparent"));
        Assert.Empty(echo.HeaderValues("X-Forwarded-For"));
        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.EndsWith("/v2/?q=1"), "for the GET");
        Assert.Equal($"{origins.Https.BaseUrl}/v2/?q=1", exchange.Request.Url);
        Assert.Equal(200, exchange.Response!.Status);
        Assert.Equal("application/json", exchange.Response.Body.ContentType);
        Assert.Contains("\"RawTarget\":\"/v2/?q=1\"", exchange.Response.Body.Text);
        Assert.StartsWith("127.0.0.1:", exchange.ClientAddress);
        Assert.NotNull(exchange.ConnectionId);
        Assert.True(exchange.Timings.EndMs >= exchange.Timings.FirstResponseByteMs);
        Assert.Null(exchange.Error);
    }

    [Fact]
    public async Task Journal_AfterExchanges_HoldsEveryExchangeAsJsonLines()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync($"{origins.Https.BaseUrl}/journal/{i}")).EnsureSuccessStatusCode();
        }
        proxy.Sink.WaitFor(e => e.Request.Url.EndsWith("/journal/2"), "for the last GET");

        var journal = JournalReader.Read(proxy.Server.JournalPath).ToList();

        Assert.StartsWith(proxy.Home.Path, proxy.Server.JournalPath);
        Assert.Equal(["/journal/0", "/journal/1", "/journal/2"], journal.Select(e => new Uri(e.Request.Url).AbsolutePath).Order());
        Assert.Equal(journal.Select(e => e.Id).Distinct().Count(), journal.Count);
    }

    [Fact]
    public async Task Head_WithContentLength_DoesNotWaitForABody()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, origins.Https.BaseUrl + "/head"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12345, response.Content.Headers.ContentLength);
        var exchange = proxy.Sink.WaitFor(e => e.Request.Method == "HEAD", "for the HEAD");
        Assert.Equal(0, exchange.Response!.Body.Size);
    }

    [Theory]
    [InlineData("PUT", false)]
    [InlineData("PATCH", false)]
    [InlineData("POST", false)]
    [InlineData("PUT", true)]
    [InlineData("PATCH", true)]
    [InlineData("POST", true)]
    public async Task Upload_WithLengthOrChunked_ArrivesIntactAndHashed(string method, bool chunked)
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient();
        var body = EchoOrigin.Pattern(3 * 1024 * 1024 + 17);
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), origins.Https.BaseUrl + "/upload") { Content = content });

        var echo = Echo.Parse(await response.Content.ReadAsStringAsync());
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        Assert.Equal(body.Length, echo.BodyLength);
        Assert.Equal(expected, echo.BodySha256);
        Assert.Equal(chunked ? ["chunked"] : [], echo.HeaderValues("Transfer-Encoding"));
        var exchange = proxy.Sink.WaitFor(e => e.Request.Method == method, "for the upload");
        Assert.Equal(body.Length, exchange.Request.Body.Size);
        Assert.Equal(expected, exchange.Request.Body.Sha256);
        Assert.Null(exchange.Request.Body.Text);
        Assert.InRange(exchange.Timings.RequestSentMs!.Value, 0, exchange.Timings.FirstResponseByteMs!.Value);
    }

    [Fact]
    public async Task Download_LargeBinaryBody_StreamsIntactAndIsNotKeptAsText()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient();
        const int size = 16 * 1024 * 1024;

        await using var stream = await client.GetStreamAsync($"{origins.Https.BaseUrl}/bytes/{size}");
        var hash = await SHA256.HashDataAsync(stream);

        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.Contains("/bytes/"), "for the download");
        Assert.Equal(size, exchange.Response!.Body.Size);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(hash), exchange.Response.Body.Sha256);
        Assert.Null(exchange.Response.Body.Text);
    }

    [Fact]
    public async Task Put_WithExpect100Continue_Succeeds()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Put, origins.Https.BaseUrl + "/expect") { Content = new ByteArrayContent(EchoOrigin.Pattern(100_000)) };
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request);

        var echo = Echo.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(100_000, echo.BodyLength);
        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.EndsWith("/expect"), "for the PUT");
        Assert.Equal("100-continue", exchange.Request.Headers.Get("Expect"));
    }

    [Fact]
    public async Task Redirect307_ReachesTheClientUntouched()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient(allowRedirect: false);

        var response = await client.GetAsync(origins.Https.BaseUrl + "/redirect");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://other.test:9/elsewhere?X-Amz-Signature=abc%2Fdef", response.Headers.Location!.OriginalString);
        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.EndsWith("/redirect"), "for the redirect");
        Assert.Equal(307, exchange.Response!.Status);
        Assert.Single(proxy.Sink.Snapshot());
    }

    [Fact]
    public async Task ManyRequests_OnOneKeptAliveTunnel_ShareOneConnection()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient(maxConnections: 1);

        for (var i = 0; i < 25; i++)
        {
            (await client.GetAsync($"{origins.Https.BaseUrl}/keepalive/{i}")).EnsureSuccessStatusCode();
        }

        proxy.Sink.WaitFor(e => e.Request.Url.EndsWith("/keepalive/24"), "for the last request");
        var exchanges = proxy.Sink.Snapshot();
        Assert.Equal(25, exchanges.Count);
        Assert.Single(exchanges.Select(e => e.ConnectionId).Distinct());
    }

    [Fact]
    public async Task Http2_InsideTheTunnel_IsSpokenBothWays()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient(version: HttpVersion.Version20);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.GetAsync($"{origins.Https.BaseUrl}/h2/{i}")));

        Assert.All(responses, r => Assert.Equal(HttpVersion.Version20, r.Version));
        Assert.Equal("HTTP/2", Echo.Parse(await responses[0].Content.ReadAsStringAsync()).Protocol);
        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.EndsWith("/h2/0"), "for an h2 request");
        Assert.Equal("HTTP/2", exchange.Request.HttpVersion);
        Assert.Equal("HTTP/2", exchange.Response!.HttpVersion);
    }

    [Fact]
    public async Task Http2Client_Http1OnlyUpstream_FallsBackUpstreamAndRecordsBothVersions()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient(version: HttpVersion.Version20);

        var response = await client.GetAsync(origins.Http1Only.BaseUrl + "/h1-only");

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("HTTP/1.1", Echo.Parse(await response.Content.ReadAsStringAsync()).Protocol);
        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.EndsWith("/h1-only"), "for the request");
        Assert.Equal("HTTP/2", exchange.Request.HttpVersion);
        Assert.Equal("HTTP/1.1", exchange.Response!.HttpVersion);
    }

    [Fact]
    public async Task PlainHttp_AbsoluteForm_IsForwarded()
    {
        await using var proxy = await ProxyHarness.StartAsync();
        using var client = proxy.CreateClient();

        var response = await client.PostAsync(origins.Plain.BaseUrl + "/plain?a=%2F", new StringContent("{\"k\":1}", null, "application/json"));

        var echo = Echo.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("/plain?a=%2F", echo.RawTarget);
        Assert.Equal($"origin.test:{origins.Plain.Port}", Assert.Single(echo.HeaderValues("Host")));
        var exchange = proxy.Sink.WaitFor(e => e.Request.Url.Contains("/plain"), "for the plain POST");
        Assert.Equal($"{origins.Plain.BaseUrl}/plain?a=%2F", exchange.Request.Url);
        Assert.Equal("{\"k\":1}", exchange.Request.Body.Text);
    }

    [Fact]
    public async Task UpstreamDown_Gives502WithReasonAndRecordsConnectFailure()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: origins.Pki.CaPath);
        using var client = proxy.CreateClient();
        var closedPort = ClosedPort();

        var response = await client.GetAsync($"https://origin.test:{closedPort}/v2/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith($"regdiag: cannot connect to https://origin.test:{closedPort}", text);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
        var exchange = proxy.Sink.WaitFor(e => e.Error != null, "with an error");
        Assert.Equal(ExchangeErrorKind.UpstreamConnect, exchange.Error!.Kind);
        Assert.Null(exchange.Response);
    }

    [Fact]
    public async Task UpstreamSilentPastTheActivityTimeout_Gives504AndRecordsTimeout()
    {
        await using var proxy = await ProxyHarness.StartAsync(o => o with { ActivityTimeout = TimeSpan.FromSeconds(1) }, origins.Pki.CaPath);
        using var client = proxy.CreateClient();

        var response = await client.GetAsync(origins.Https.BaseUrl + "/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("did not answer in time", await response.Content.ReadAsStringAsync());
        var exchange = proxy.Sink.WaitFor(e => e.Error != null, "with an error");
        Assert.Equal(ExchangeErrorKind.UpstreamTimeout, exchange.Error!.Kind);
    }

    [Fact]
    public async Task UntrustedUpstreamCertificate_Gives502WithReason()
    {
        await using var proxy = await ProxyHarness.StartAsync(); // no --upstream-ca: the origin's CA is unknown
        using var client = proxy.CreateClient();

        var response = await client.GetAsync(origins.Https.BaseUrl + "/v2/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("TLS with https://origin.test", text);
        Assert.Contains("--upstream-ca", text);
        var exchange = proxy.Sink.WaitFor(e => e.Error != null, "with an error");
        Assert.Equal(ExchangeErrorKind.UpstreamTls, exchange.Error!.Kind);
    }

    [Fact]
    public async Task InsecureUpstream_AcceptsAnUntrustedOrigin()
    {
        await using var proxy = await ProxyHarness.StartAsync(o => o with { InsecureUpstream = true });
        using var client = proxy.CreateClient();

        var response = await client.GetAsync(origins.Https.BaseUrl + "/v2/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A body whose length HttpClient cannot know, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
