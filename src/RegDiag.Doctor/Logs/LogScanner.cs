using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using RegDiag.Core;

namespace RegDiag.Doctor.Logs;

/// <summary>
/// Streams log files (plain or gzip, detected by magic bytes) line by line through an
/// <see cref="ILogLineMatcher"/>, counting each signature with its first and last time and one example
/// line. Memory stays flat whatever the file size; progress is reported every 64 MiB.
/// </summary>
public sealed partial class LogScanner(ILogLineMatcher matcher)
{
    private const long ProgressEvery = 64L * 1024 * 1024;
    private const int ExampleLimit = 400;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T _]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex Timestamp();

    public async Task<LogScanResult> ScanAsync(IReadOnlyList<string> paths, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var clock = Stopwatch.StartNew();
        var stats = new Dictionary<string, Accumulator>();
        long lines = 0, bytes = 0;
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new InputException($"--log {path}: no such file");
            }
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
            var total = file.Length;
            bytes += total;
            var magic = new byte[2];
            var gzip = await file.ReadAsync(magic, cancellationToken) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 20);
            long lineNumber = 0;
            var nextProgress = ProgressEvery;
            string? line;
            while ((line = await reader.ReadLineAsync(cancellationToken)) != null)
            {
                lineNumber++;
                var match = matcher.Match(line);
                if (match != null)
                {
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
                if (progress != null && file.Position >= nextProgress)
                {
                    nextProgress += ProgressEvery;
                    progress($"logs: {Path.GetFileName(path)} {file.Position * 100 / Math.Max(1, total)}% ({file.Position / (1024 * 1024)} MiB{(gzip ? " compressed" : "")})");
                }
            }
            lines += lineNumber;
        }
        var signatures = stats.Values
            .OrderByDescending(a => a.Match.Severity)
            .ThenByDescending(a => a.Count)
            .Select(a => new SignatureStats(a.Match, a.Count, a.First, a.Last, a.File, a.Line, a.Example))
            .ToList();
        return new LogScanResult(lines, bytes, signatures, clock.Elapsed);
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
