using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using RegDiag.Core;

namespace RegDiag.Doctor.Logs;

/// <summary>
/// Streams log files (plain or gzip, detected by magic bytes) through an <see cref="ILogLineMatcher"/>,
/// counting each signature with its first and last time and one example line. Text is read in 1 MiB
/// blocks; when the matcher names its candidate strings, a block is searched for them at once (a
/// vectorised multi-string search) and only the lines around a hit become strings, so memory stays flat
/// and a healthy gigabyte goes by in seconds. Progress is reported every 64 MiB.
/// </summary>
public sealed partial class LogScanner(ILogLineMatcher matcher)
{
    private const long ProgressEvery = 64L * 1024 * 1024;
    private const int ExampleLimit = 400;
    private const int BlockChars = 1 << 20;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T _]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex Timestamp();

    public Task<LogScanResult> ScanAsync(IReadOnlyList<string> paths, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new InputException($"--log {path}: no such file");
            }
        }
        // Synchronous block reads on a worker thread: cheaper than an await per read.
        return Task.Run(() => Scan(paths, progress, cancellationToken), cancellationToken);
    }

    internal LogScanResult Scan(IReadOnlyList<string> paths, Action<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var stats = new Dictionary<string, Accumulator>();
        long lines = 0, bytes = 0;
        foreach (var path in paths)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan);
            var total = file.Length;
            bytes += total;
            var magic = new byte[2];
            var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 20);
            var nextProgress = ProgressEvery;
            lines += ScanFile(reader, path, stats, cancellationToken, () =>
            {
                if (progress != null && file.Position >= nextProgress)
                {
                    nextProgress += ProgressEvery;
                    progress($"logs: {Path.GetFileName(path)} {file.Position * 100 / Math.Max(1, total)}% ({file.Position / (1024 * 1024)} MiB{(gzip ? " compressed" : "")})");
                }
            });
        }
        var signatures = stats.Values
            .OrderByDescending(a => a.Match.Severity)
            .ThenByDescending(a => a.Count)
            .Select(a => new SignatureStats(a.Match, a.Count, a.First, a.Last, a.File, a.Line, a.Example))
            .ToList();
        return new LogScanResult(lines, bytes, signatures, clock.Elapsed);
    }

    /// <summary>Scans one file block by block; returns its line count.</summary>
    private long ScanFile(StreamReader reader, string path, Dictionary<string, Accumulator> stats, CancellationToken cancellationToken, Action reportProgress)
    {
        var candidates = matcher.Candidates;
        var buffer = new char[BlockChars];
        var filled = 0;
        long linesBefore = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = reader.Read(buffer, filled, buffer.Length - filled);
            var end = filled + read;
            var atEnd = read == 0;
            if (end == 0)
            {
                return linesBefore;
            }
            var span = buffer.AsSpan(0, end);
            // Complete lines only; the tail waits for the next block (a line longer than a block is cut there).
            var cut = atEnd ? end : span.LastIndexOf('\n') + 1;
            if (cut == 0)
            {
                if (end < buffer.Length)
                {
                    filled = end;
                    continue;
                }
                cut = end;
            }
            var block = span[..cut];
            if (candidates == null)
            {
                linesBefore = MatchEveryLine(block, linesBefore, path, stats);
            }
            else
            {
                linesBefore = MatchCandidateLines(block, candidates, linesBefore, path, stats);
            }
            span[cut..].CopyTo(buffer);
            filled = end - cut;
            reportProgress();
            if (atEnd)
            {
                return linesBefore;
            }
        }
    }

    private long MatchCandidateLines(ReadOnlySpan<char> block, SearchValues<string> candidates, long linesBefore, string path, Dictionary<string, Accumulator> stats)
    {
        var position = 0;
        while (position < block.Length)
        {
            var hit = block[position..].IndexOfAny(candidates);
            if (hit < 0)
            {
                break;
            }
            var start = position + hit;
            start = block[..start].LastIndexOf('\n') + 1;
            var length = block[start..].IndexOf('\n');
            var stop = length < 0 ? block.Length : start + length;
            linesBefore += block[position..start].Count('\n');
            Record(new string(block[start..stop]).TrimEnd('\r'), linesBefore + 1, path, stats);
            position = stop;
        }
        return linesBefore + block[position..].Count('\n') + (block.Length > 0 && block[^1] != '\n' ? 1 : 0);
    }

    private long MatchEveryLine(ReadOnlySpan<char> block, long linesBefore, string path, Dictionary<string, Accumulator> stats)
    {
        foreach (var range in block.Split('\n'))
        {
            var line = block[range];
            if (line.Length == 0 && range.Start.Value == block.Length)
            {
                break;
            }
            linesBefore++;
            Record(new string(line).TrimEnd('\r'), linesBefore, path, stats);
        }
        return linesBefore;
    }

    private void Record(string line, long lineNumber, string path, Dictionary<string, Accumulator> stats)
    {
        var match = matcher.Match(line);
        if (match == null)
        {
            return;
        }
        if (!stats.TryGetValue(match.SignatureId, out var accumulator))
        {
            accumulator = new Accumulator(match, path, lineNumber, line.Length > ExampleLimit ? line[..ExampleLimit] + "…" : line);
            stats[match.SignatureId] = accumulator;
        }
        accumulator.Count++;
        var time = Timestamp().Match(line);
        if (time.Success)
        {
            accumulator.First ??= time.Value;
            accumulator.Last = time.Value;
        }
    }

    private sealed class Accumulator(LogLineMatch match, string file, long line, string example)
    {
        public LogLineMatch Match { get; } = match;
        public string File { get; } = file;
        public long Line { get; } = line;
        public string Example { get; } = example;
        public long Count { get; set; }
        public string? First { get; set; }
        public string? Last { get; set; }
    }
}
