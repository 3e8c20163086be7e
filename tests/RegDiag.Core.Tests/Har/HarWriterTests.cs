using RegDiag.Core.Har;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;
using RegDiag.Testing.Exchanges;
using RegDiag.Testing;

namespace RegDiag.Core.Tests.Har;

public sealed class HarWriterTests
{
    [Fact]
    public async Task WriteFile_RedactedCorpus_PassesHarValidator()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("corpus.har");
        HarWriter.WriteFile(Secrets.Corpus(), path, RedactionOptions.Default);

        await HarValidator.AssertValidAsync(path);
    }

    [Fact]
    public async Task WriteFile_Unredacted_PassesHarValidator()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("plain.har");
        HarWriter.WriteFile(Secrets.Corpus(), path, RedactionOptions.None);

        await HarValidator.AssertValidAsync(path);
    }

    [Fact]
    public async Task WriteFile_NoExchanges_PassesHarValidator()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("empty.har");
        HarWriter.WriteFile([], path, RedactionOptions.Default);

        await HarValidator.AssertValidAsync(path);
        Assert.Empty(HarReader.Read(path));
    }

    [Fact]
    public void WriteThenRead_Unredacted_RoundTripsTheModel()
    {
        var original = Secrets.Corpus();
        using var stream = new MemoryStream();
        HarWriter.Write(original, stream, RedactionOptions.None);
        stream.Position = 0;

        var read = HarReader.Read(stream, "memory").ToList();

        Assert.Equal(original.Count, read.Count);
        for (var i = 0; i < original.Count; i++)
        {
            var (a, b) = (original[i], read[i]);
            Assert.Equal(a.Id, b.Id);
            Assert.Equal(a.ClientAddress, b.ClientAddress);
            Assert.Equal(a.ConnectionId, b.ConnectionId);
            Assert.Equal(a.Source, b.Source);
            Assert.Equal(a.Request.Method, b.Request.Method);
            Assert.Equal(a.Request.Url, b.Request.Url);
            Assert.Equal(a.Request.Headers, b.Request.Headers);
            Assert.Equal(a.Request.Body.Text, b.Request.Body.Text);
            Assert.Equal(a.Request.Body.Sha256, b.Request.Body.Sha256);
            Assert.Equal(a.Request.Body.Size, b.Request.Body.Size);
            Assert.Equal(a.Response?.Status, b.Response?.Status);
            Assert.Equal(a.Response?.Headers, b.Response?.Headers);
            Assert.Equal(a.Response?.Body.Text, b.Response?.Body.Text);
            Assert.Equal(a.Response?.Body.Sha256, b.Response?.Body.Sha256);
            Assert.Equal(a.Error, b.Error);
            Assert.Equal(a.Timings, b.Timings);
        }
    }

    [Fact]
    public async Task Append_AsExchangesArrive_ValidOnceCompleted()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("live.har");
        using (var writer = new HarWriter(File.Create(path), RedactionOptions.Default))
        {
            writer.OnExchange(X.Ex(1, "GET", "https://registry.test/v2/", 401));
            writer.Append(X.Ex(2, "GET", "https://registry.test/v2/", 200, atMs: 50));
            Assert.Equal(2, writer.Count);
        }

        await HarValidator.AssertValidAsync(path);
        Assert.Equal([1L, 2L], HarReader.Read(path).Select(e => e.Id));
    }

    [Fact]
    public void Write_TransportError_StatusZeroWithErrorAndNoResponseOnRead()
    {
        var failed = X.Ex(7, "GET", "https://s3.test/b/k", null,
            error: new ExchangeError(ExchangeErrorKind.UpstreamReset, "connection reset by peer"));
        using var stream = new MemoryStream();
        HarWriter.Write([failed], stream, RedactionOptions.Default);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        stream.Position = 0;

        var read = Assert.Single(HarReader.Read(stream, "memory"));

        Assert.Contains("\"status\":0", text);
        Assert.Contains("\"_error\":\"connection reset by peer\"", text);
        Assert.Null(read.Response);
        Assert.Equal(ExchangeErrorKind.UpstreamReset, read.Error!.Kind);
    }
}
