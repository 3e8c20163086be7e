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

    private static IEnumerable<Exchange> ReadCore(Stream stream, string name)
    {
        using var entries = new HarEntryStream(stream, name);
        var pool = new StringPool();
        long sequence = 0;
        while (entries.TryNext(out var bytes))
        {
            sequence++;
            yield return Parse(bytes, sequence, name, pool);
        }
    }

    private static Exchange Parse(ReadOnlyMemory<byte> bytes, long sequence, string name, StringPool pool)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return HarEntryReader.ToExchange(document.RootElement, sequence, pool);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InputException($"{name}: entry {sequence} is not a HAR entry ({e.Message})", e);
        }
    }
}
