using RegDiag.Core.Journal;
using RegDiag.Core.Model;
using RegDiag.Testing;

namespace RegDiag.Core.Tests.Journal;

public sealed class JournalTests
{
    private static Exchange Sample(long id) => new()
    {
        Id = id,
        ClientAddress = "127.0.0.1:5555",
        Request = new RequestRecord
        {
            Method = "HEAD",
            Url = "https://s3.test/bucket/docker/registry/v2/blobs/sha256/ab/abcd/data?X-Amz-Signature=x%2Fy",
            Headers = [new Header("Accept", "a"), new Header("Accept", "b")],
        },
        Response = new ResponseRecord { Status = 403, Headers = [new Header("x-amz-request-id", "R1")] },
        Timings = new ExchangeTimings { Started = DateTimeOffset.UnixEpoch, EndMs = 12.5 },
    };

    [Fact]
    public void Append_ThenRead_RoundTripsEveryField()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("s.jsonl");
        using (var writer = new JournalWriter(path))
        {
            writer.Append(Sample(1));
            writer.Append(Sample(2) with { Response = null, Error = new ExchangeError(ExchangeErrorKind.UpstreamConnect, "refused") });
        }

        var read = JournalReader.Read(path).ToList();

        Assert.Equal(2, read.Count);
        Assert.Equal(Sample(1).Request.Url, read[0].Request.Url);
        Assert.Equal(["a", "b"], read[0].Request.Headers.GetAll("accept"));
        Assert.Equal(403, read[0].Response!.Status);
        Assert.Equal(ExchangeErrorKind.UpstreamConnect, read[1].Error!.Kind);
        Assert.Null(read[1].Response);
        Assert.True(JournalReader.LooksLikeJournal(path));
    }

    [Fact]
    public void Append_WhileTheWriterIsStillOpen_IsAlreadyInTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("s.jsonl");
        using var writer = new JournalWriter(path);

        writer.Append(Sample(1));
        writer.Append(Sample(2));

        // What a reader (or the next run after a kill) sees before any dispose or sync.
        Assert.Equal([1L, 2L], JournalReader.Read(path).Select(e => e.Id));
    }

    [Fact]
    public void Read_LastLineCutShortByACrash_KeepsTheCompleteLines()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("s.jsonl");
        using (var writer = new JournalWriter(path))
        {
            writer.Append(Sample(1));
        }
        File.AppendAllText(path, "{\"id\":2,\"request\":{\"meth");

        Assert.Single(JournalReader.Read(path));
    }

    [Fact]
    public void Read_MalformedLineInTheMiddle_FailsNamingTheLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("s.jsonl");
        File.WriteAllText(path, "{\"id\":1,\n{\"id\":2}\n");

        var error = Assert.Throws<InvalidDataException>(() => JournalReader.Read(path).ToList());
        Assert.Contains("line 1", error.Message);
    }
}
