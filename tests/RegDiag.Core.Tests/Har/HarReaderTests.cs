using System.Text;
using RegDiag.Core.Har;
using RegDiag.Core.Model;
using RegDiag.Testing;

namespace RegDiag.Core.Tests.Har;

/// <summary>Each exporter's dialect, as its files look (fields trimmed to what differs).</summary>
public sealed class HarReaderTests
{
    [Fact]
    public void Read_ChromeDevTools_DropsPseudoHeadersAndMapsFailedRequests()
    {
        const string har = """
        {"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"id":"page_1","title":"x"}],
         "entries":[
          {"_initiator":{"type":"other"},"_resourceType":"fetch","cache":{},"connection":"1234","pageref":"page_1",
           "request":{"method":"GET","url":"https://registry.test/v2/","httpVersion":"http/2.0",
             "headers":[{"name":":authority","value":"registry.test"},{"name":":method","value":"GET"},{"name":"accept","value":"*/*"}],
             "queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},
           "response":{"status":401,"statusText":"","httpVersion":"http/2.0","headers":[{"name":"www-authenticate","value":"Bearer realm=\"https://auth.test/token\""}],
             "cookies":[],"content":{"size":87,"mimeType":"application/json","text":"{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"},
             "redirectURL":"","headersSize":-1,"bodySize":-1,"_transferSize":200,"_error":null},
           "serverIPAddress":"127.0.0.1","startedDateTime":"2026-11-28T10:00:00.123Z","time":12.5,
           "timings":{"blocked":1.2,"dns":-1,"ssl":-1,"connect":-1,"send":0.3,"wait":10.0,"receive":1.0,"_blocked_queueing":0.5}},
          {"cache":{},"request":{"method":"GET","url":"https://s3.test/b/k","httpVersion":"","headers":[],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},
           "response":{"status":0,"statusText":"","httpVersion":"","headers":[],"cookies":[],"content":{"size":0,"mimeType":"x-unknown"},
             "redirectURL":"","headersSize":-1,"bodySize":-1,"_transferSize":0,"_error":"net::ERR_CONNECTION_REFUSED"},
           "startedDateTime":"2026-11-28T10:00:01.000Z","time":3,"timings":{"blocked":3,"dns":-1,"ssl":-1,"connect":-1,"send":0,"wait":0,"receive":0}}
         ]}}
        """;

        var exchanges = Read(har);

        Assert.Equal(2, exchanges.Count);
        var first = exchanges[0];
        Assert.Equal("HTTP/2", first.Request.HttpVersion);
        Assert.Equal(["accept"], first.Request.Headers.Select(h => h.Name));
        Assert.Equal("1234", first.ConnectionId);
        Assert.Equal(401, first.Response!.Status);
        Assert.Null(first.Error);
        Assert.Equal(1.5, first.Timings.RequestSentMs!.Value, 3);
        Assert.Equal(11.5, first.Timings.FirstResponseByteMs!.Value, 3);
        Assert.Equal(12.5, first.Timings.EndMs);
        Assert.Null(exchanges[1].Response);
        Assert.Equal(ExchangeErrorKind.UpstreamConnect, exchanges[1].Error!.Kind);
    }

    [Fact]
    public void Read_MitmproxyBase64Body_ComputesTheDigestOfTheExactBytes()
    {
        var layer = new byte[] { 0x1f, 0x8b, 0, 1, 2, 3, 255 };
        var har = $$$"""
        {"log":{"version":"1.2","creator":{"name":"mitmproxy","version":"10.1.1"},"pages":[],"entries":[
         {"startedDateTime":"2026-11-28T10:00:00.000000+00:00","time":5,"request":{"method":"PATCH","url":"https://registry.test/v2/a/blobs/uploads/u1",
          "httpVersion":"HTTP/1.1","cookies":[],"headers":[{"name":"Content-Type","value":"application/octet-stream"}],"queryString":[],"headersSize":120,"bodySize":7,
          "postData":{"mimeType":"application/octet-stream","text":"{{{Convert.ToBase64String(layer)}}}","encoding":"base64"}},
          "response":{"status":202,"statusText":"Accepted","httpVersion":"HTTP/1.1","cookies":[],"headers":[{"name":"Range","value":"0-6"}],
          "content":{"size":0,"compression":0,"mimeType":"","text":""},"redirectURL":"","headersSize":80,"bodySize":0},
          "cache":{},"timings":{"send":1,"receive":1,"wait":3,"connect":-1,"ssl":-1},"serverIPAddress":"127.0.0.1"}]}}
        """;

        var exchange = Assert.Single(Read(har));

        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(layer)), exchange.Request.Body.Sha256);
        Assert.Equal(7, exchange.Request.Body.Size);
        Assert.Null(exchange.Request.Body.Text);
        Assert.Equal("har", exchange.Source);
    }

    [Fact]
    public void Read_CharlesWithBomOffsetDatesAndStringNumbers_Reads()
    {
        const string har = """
        {"log":{"version":"1.2","creator":{"name":"Charles Proxy","version":"4.6.4"},"entries":[
         {"startedDateTime":"2026-11-28T11:00:00.000+01:00","time":"42","request":{"method":"GET","url":"https://registry.test/v2/a/tags/list?n=10",
          "httpVersion":"HTTP/1.1","cookies":[],"headers":[],"queryString":[{"name":"n","value":"10"}],"headersSize":100,"bodySize":0},
          "response":{"_charlesStatus":"COMPLETE","status":"200","statusText":"OK","httpVersion":"HTTP/1.1","cookies":[],"headers":[],
          "content":{"size":"30","mimeType":"application/json; charset=utf-8","text":"eyJuYW1lIjoiYSIsInRhZ3MiOlsidjEiXX0=","encoding":"base64"},
          "redirectURL":"","headersSize":100,"bodySize":30},
          "serverIPAddress":"10.0.0.1","cache":{},"timings":{"dns":-1,"connect":-1,"ssl":-1,"send":0,"wait":40,"receive":2}},
         {"startedDateTime":"2026-11-28T11:00:01.000+01:00","time":0,"request":{"method":"GET","url":"https://down.test/v2/","httpVersion":"HTTP/1.1",
          "cookies":[],"headers":[],"queryString":[],"headersSize":0,"bodySize":0},
          "response":{"_charlesStatus":"FAILED","status":0,"statusText":"","httpVersion":"","cookies":[],"headers":[],"content":{"size":0,"mimeType":""},
          "redirectURL":"","headersSize":0,"bodySize":0,"comment":"Connection refused: down.test/10.0.0.9:443"},
          "cache":{},"timings":{"send":0,"wait":0,"receive":0}}]}}
        """;

        var exchanges = Read("\uFEFF" + har);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), exchanges[0].Timings.Started);
        Assert.Equal(200, exchanges[0].Response!.Status);
        Assert.Equal("{\"name\":\"a\",\"tags\":[\"v1\"]}", exchanges[0].Response!.Body.Text);
        Assert.Equal(42, exchanges[0].Timings.EndMs);
        Assert.Equal(ExchangeErrorKind.UpstreamConnect, exchanges[1].Error!.Kind);
        Assert.Contains("Connection refused", exchanges[1].Error!.Message);
    }

    [Fact]
    public void Read_FiddlerSyntheticBadGateway_IsATransportErrorNotAResponse()
    {
        const string har = """
        {"log":{"version":"1.2","creator":{"name":"Fiddler","version":"5.0.20211.51073"},"entries":[
         {"startedDateTime":"2026-11-28T10:00:00.1234567+00:00","time":21,"request":{"method":"HEAD","url":"https://bucket.s3.test/k","httpVersion":"HTTP/1.1",
          "cookies":[],"headers":[{"name":"Host","value":"bucket.s3.test"}],"queryString":[],"headersSize":60,"bodySize":0},
          "response":{"status":502,"statusText":"Fiddler - Connection Failed","httpVersion":"HTTP/1.1","cookies":[],"headers":[{"name":"Content-Type","value":"text/html; charset=UTF-8"}],
          "content":{"size":512,"mimeType":"text/html; charset=UTF-8","text":"[Fiddler] The connection to 'bucket.s3.test' failed. <br />Error: ConnectionRefused (0x274d)."},
          "redirectURL":"","headersSize":100,"bodySize":512},
          "cache":{},"timings":{"blocked":0,"dns":0,"connect":20,"send":0,"wait":1,"receive":0,"ssl":-1}}]}}
        """;

        var exchange = Assert.Single(Read(har));

        Assert.Null(exchange.Response);
        Assert.Equal(ExchangeErrorKind.UpstreamConnect, exchange.Error!.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), exchange.Timings.Started);
    }

    [Fact]
    public void Read_EntryLargerThanTheReadBuffer_Reads()
    {
        var big = new string('x', 3 * 1024 * 1024);
        var har = "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"t\",\"version\":\"1\"},\"entries\":[" +
            "{\"startedDateTime\":\"2026-11-28T10:00:00Z\",\"time\":1,\"request\":{\"method\":\"GET\",\"url\":\"https://a.test/\",\"httpVersion\":\"HTTP/1.1\",\"headers\":[]}," +
            "\"response\":{\"status\":200,\"headers\":[],\"content\":{\"size\":" + big.Length + ",\"mimeType\":\"text/plain\",\"text\":\"" + big + "\"}},\"timings\":{}}," +
            "{\"startedDateTime\":\"2026-11-28T10:00:01Z\",\"time\":1,\"request\":{\"method\":\"GET\",\"url\":\"https://b.test/\",\"headers\":[]},\"response\":{\"status\":204},\"timings\":{}}]}}";

        var exchanges = Read(har);

        Assert.Equal(2, exchanges.Count);
        Assert.True(exchanges[0].Response!.Body.TextTruncated);
        Assert.Equal(Model.BodyRecord.TextLimit, exchanges[0].Response!.Body.Text!.Length);
        Assert.Equal("https://b.test/", exchanges[1].Request.Url);
    }

    [Fact]
    public void Read_ManyEntriesAcrossParseBatches_KeepsFileOrder()
    {
        const int count = HarEntryBatch.MaxEntries * 2 + 17;
        var exchanges = Read(Har(Enumerable.Range(1, count).Select(Entry)));

        Assert.Equal(count, exchanges.Count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), exchanges.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"https://registry.test/v2/r{i}/manifests/latest"), exchanges.Select(e => e.Request.Url));
    }

    [Fact]
    public void Read_SeveralBadEntries_ReportsTheFirst()
    {
        var entries = Enumerable.Range(1, HarEntryBatch.MaxEntries).Select(i => i is 1500 or 4000 ? "{\"response\":{}}" : Entry(i));

        var error = Assert.Throws<InputException>(() => Read(Har(entries)));

        Assert.Equal("test.har: entry 1500 is not a HAR entry (entry without \"request\")", error.Message);
    }

    [Fact]
    public void Read_BadEntryBeforeBrokenJsonInTheNextBatch_ReportsTheBadEntry()
    {
        // The next batch is scanned (and fails) while this one is parsed: the error a single pass meets first wins.
        var entries = Enumerable.Range(1, HarEntryBatch.MaxEntries).Select(i => i == 10 ? "{\"response\":{}}" : Entry(i));

        var error = Assert.Throws<InputException>(() => Read(Truncated(Har(entries))));

        Assert.Equal("test.har: entry 10 is not a HAR entry (entry without \"request\")", error.Message);
    }

    [Fact]
    public void Read_BrokenJsonAfterAFullBatch_YieldsThatBatchFirst()
    {
        var har = Truncated(Har(Enumerable.Range(1, HarEntryBatch.MaxEntries + 5).Select(Entry)));
        var read = new List<Exchange>();

        var error = Assert.Throws<InputException>(() =>
        {
            foreach (var exchange in HarReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(har)), "test.har"))
            {
                read.Add(exchange);
            }
        });

        Assert.Contains("not valid JSON", error.Message);
        Assert.Equal(Enumerable.Range(1, HarEntryBatch.MaxEntries).Select(i => (long)i), read.Select(e => e.Id));
    }

    [Fact]
    public void Read_FieldsOfTheWrongShape_CountAsAbsent()
    {
        const string har = """
        {"log":{"entries":[
         {"startedDateTime":5,"time":"x","timings":[1],"request":{"method":null,"url":"https://a.test/x","headers":"none","postData":"text",
          "bodySize":{"n":1}},"response":{"status":"201","statusText":7,"headers":[{"name":"Location","value":42},"junk",{"value":"v"},{"name":""}],
          "content":[1,2]},"_regdiag":{"error":"boom","timings":"soon"}}
        ]}}
        """;

        var exchange = Assert.Single(Read(har));

        Assert.Equal("GET", exchange.Request.Method);
        Assert.Empty(exchange.Request.Headers);
        Assert.Same(BodyRecord.Empty, exchange.Request.Body);
        Assert.Equal(201, exchange.Response!.Status);
        Assert.Equal("7", exchange.Response.Reason);
        Assert.Equal([new Header("Location", "42")], exchange.Response.Headers);
        Assert.Equal(new ExchangeError(ExchangeErrorKind.Other, ""), exchange.Error);
        Assert.Equal(DateTimeOffset.UnixEpoch, exchange.Timings.Started);
        Assert.Null(exchange.Timings.EndMs);
    }

    [Fact]
    public void Read_RepeatedHeaderValues_DecodedAndShared()
    {
        const string har = """
        {"log":{"entries":[
         {"request":{"method":"GET","url":"https://a.test/1","headers":[{"name":"User-Agent","value":"skopeo/1.9"},{"name":"X-Note","value":"caf\u00e9 \"q\""}]}},
         {"request":{"method":"GET","url":"https://a.test/2","headers":[{"name":"User-Agent","value":"skopeo/1.9"},{"name":"X-Note","value":"caf\u00e9 \"q\""}]}}
        ]}}
        """;

        var exchanges = Read(har);

        Assert.Equal("café \"q\"", exchanges[0].Request.Headers.Get("X-Note"));
        Assert.Same(exchanges[0].Request.Headers.Get("User-Agent"), exchanges[1].Request.Headers.Get("User-Agent"));
        Assert.Same(exchanges[0].Request.Headers.Get("X-Note"), exchanges[1].Request.Headers.Get("X-Note"));
    }

    [Theory]
    [InlineData("[1,2]", "a JSON array")]
    [InlineData("{\"foo\":1}", "no log.entries")]
    [InlineData("{\"log\":{\"entries\":[{\"request\":", "not valid JSON")]
    [InlineData("{\"log\":{\"entries\":[{\"response\":{}}]}}", "entry 1 is not a HAR entry")]
    public void Read_NotAHar_InputErrorNamingTheFile(string content, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("bad.har");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InputException>(() => HarReader.Read(path).ToList());

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    private static string Entry(int i) =>
        $$$"""{"startedDateTime":"2026-11-28T10:00:00Z","request":{"method":"GET","url":"https://registry.test/v2/r{{{i}}}/manifests/latest","headers":[]},"response":{"status":200,"headers":[]}}""";

    /// <summary>The HAR cut off in the middle of one more entry.</summary>
    private static string Truncated(string har) => har[..^"]}}".Length] + ",{\"request\":";

    private static string Har(IEnumerable<string> entries) => "{\"log\":{\"entries\":[" + string.Join(",\n", entries) + "]}}";

    private static List<Exchange> Read(string har) =>
        HarReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(har)), "test.har").ToList();
}
