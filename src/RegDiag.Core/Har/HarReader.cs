using System.Runtime.ExceptionServices;
using System.Text.Json;
using RegDiag.Core.Model;

namespace RegDiag.Core.Har;

/// <summary>
/// Reads HAR 1.2 (RegDiag's own, and exports of mitmproxy, Chrome DevTools, Charles and Fiddler) as
/// exchanges, streaming: entries are yielded as they are parsed, so a large file costs the memory of one
/// entry. A file that is not a HAR throws <see cref="InputException"/> naming the file and the problem.
/// </summary>
public static class HarReader
{
    public static IEnumerable<Exchange> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read ({e.Message})", e);
        }
        return ReadOwned(stream, path);
    }

    /// <summary>Reads from a stream (left open); <paramref name="name"/> names it in error messages.</summary>
    public static IEnumerable<Exchange> Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        return ReadCore(stream, name);
    }

    private static IEnumerable<Exchange> ReadOwned(Stream stream, string name)
    {
        using (stream)
        {
            foreach (var exchange in ReadCore(stream, name))
            {
                yield return exchange;
            }
        }
    }

    /// <summary>
    /// Finding the entries in the file is sequential (one JSON scanner), parsing them is not: the next batch is
    /// scanned while the previous one is parsed on the other cores. Exchanges and errors come out as one thread
    /// reading entry after entry would give them; nothing is parsed while the consumer holds an exchange.
    /// </summary>
    private static IEnumerable<Exchange> ReadCore(Stream stream, string name)
    {
        using var entries = new HarEntryStream(stream, name);
        using var first = new HarEntryBatch();
        using var second = new HarEntryBatch();
        var (next, other) = (first, second);
        var parser = new BatchParser(name);
        Task<Exchange[]>? parsing = null;
        long scanned = 0;
        while (true)
        {
            next.Clear();
            ExceptionDispatchInfo? scanFailure = null;
            try
            {
                while (next.HasRoom && entries.TryNext(out var bytes))
                {
                    next.Add(bytes.Span);
                }
            }
            catch (Exception e)
            {
                // A problem further on in the file comes after the entries before it.
                scanFailure = ExceptionDispatchInfo.Capture(e);
            }
            if (parsing != null)
            {
                var exchanges = parsing.GetAwaiter().GetResult();
                parsing = null;
                foreach (var exchange in exchanges)
                {
                    yield return exchange;
                }
            }
            scanFailure?.Throw();
            if (next.Count == 0)
            {
                yield break;
            }
            var (batch, before) = (next, scanned);
            parsing = Task.Run(() => parser.Parse(batch, before));
            scanned += next.Count;
            (next, other) = (other, next);
        }
    }

    /// <summary>
    /// Parses a batch on up to one thread per core, each over a contiguous run of entries with its own string
    /// pool. Entries are independent, so the exchanges (and the first bad entry reported) are the same as one
    /// thread would give, in file order.
    /// </summary>
    private sealed class BatchParser(string name)
    {
        private readonly StringPool[] _pools = Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 1, 8)).Select(_ => new StringPool()).ToArray();

        public Exchange[] Parse(HarEntryBatch batch, long before)
        {
            var exchanges = new Exchange[batch.Count];
            var workers = Math.Min(_pools.Length, (batch.Count + 255) / 256);
            var failures = new InputException?[workers];
            try
            {
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker => ParseRun(batch, before, exchanges, failures, worker, workers));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); // as a single thread would have thrown it
            }
            // Runs are in file order: the first failing run holds the first bad entry.
            return failures.FirstOrDefault(f => f != null) is { } failure ? throw failure : exchanges;
        }

        private void ParseRun(HarEntryBatch batch, long before, Exchange[] exchanges, InputException?[] failures, int worker, int workers)
        {
            var end = (int)((long)batch.Count * (worker + 1) / workers);
            for (var i = (int)((long)batch.Count * worker / workers); i < end; i++)
            {
                try
                {
                    exchanges[i] = ParseEntry(batch[i], before + i + 1, name, _pools[worker]);
                }
                catch (InputException e)
                {
                    failures[worker] = e;
                    return;
                }
            }
        }
    }

    private static Exchange ParseEntry(ReadOnlySpan<byte> bytes, long sequence, string name, StringPool pool)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, HarEntryStream.ReaderOptions);
            reader.Read();
            return HarEntryReader.ToExchange(ref reader, sequence, pool);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InputException($"{name}: entry {sequence} is not a HAR entry ({e.Message})", e);
        }
    }
}
