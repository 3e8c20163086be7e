using System.IO.Compression;
using RegDiag.Core;
using RegDiag.Doctor.Logs;
using RegDiag.Testing;

namespace RegDiag.Doctor.Tests.Logs;

public sealed class LogScannerTests : IDisposable
{
    // The lines a healthy push leaves in distribution's log (registry-failures.md §0): none is a failure.
    private static readonly string[] HealthyPush =
    [
        "time=\"2026-11-28T09:00:00.1Z\" level=warning msg=\"error authorizing context: authorization token required\" go.version=go1.19.8 http.request.host=registry.test http.request.method=GET http.request.uri=\"/v2/\"",
        "time=\"2026-11-28T09:00:00.2Z\" level=info msg=\"response completed\" http.request.method=GET http.request.uri=\"/v2/\" http.response.status=200",
        "time=\"2026-11-28T09:00:01.0Z\" level=error msg=\"response completed with error\" err.code=\"blob unknown\" err.message=\"blob unknown to registry\" http.request.method=HEAD http.request.uri=\"/v2/grp/app/blobs/sha256:abc\" http.response.status=404",
        "time=\"2026-11-28T09:00:01.1Z\" level=info msg=\"response completed\" http.request.method=POST http.request.uri=\"/v2/grp/app/blobs/uploads/\" http.response.status=202",
        "time=\"2026-11-28T09:00:01.2Z\" level=info msg=\"response completed\" http.request.method=PATCH http.request.uri=\"/v2/grp/app/blobs/uploads/u1\" http.response.status=202",
        "time=\"2026-11-28T09:00:01.3Z\" level=info msg=\"response completed\" http.request.method=PUT http.request.uri=\"/v2/grp/app/blobs/uploads/u1?digest=sha256%3Aabc\" http.response.status=201",
        "time=\"2026-11-28T09:00:01.4Z\" level=info msg=\"response completed\" http.request.method=HEAD http.request.uri=\"/v2/grp/app/blobs/sha256:abc\" http.response.status=307",
        "{\"level\":\"info\",\"msg\":\"access\",\"method\":\"GET\",\"status\":401,\"uri\":\"/v2/\",\"time\":\"2026-11-28T09:00:02Z\"}",
    ];

    private const string S3Denied = "2026-11-28_09:10:00.00001 time=\"2026-11-28T09:10:00Z\" level=error msg=\"response completed with error\" err.code=unknown err.detail=\"s3aws: AccessDenied: Access Denied\\n\\tstatus code: 403, request id: X\" http.request.method=PUT";

    private readonly TempDirectory _directory = new("regdiag-doctor-logs");

    public void Dispose() => _directory.Dispose();

    private static async Task<LogScanResult> ScanAsync(params string[] paths) =>
        await new LogScanner(KnowledgeBaseLogLineMatcher.Default).ScanAsync(paths, null, CancellationToken.None);

    [Fact]
    public async Task Scan_HealthyPushLines_FindsNothing()
    {
        var path = _directory.Combine("current");
        await File.WriteAllLinesAsync(path, HealthyPush);

        var result = await ScanAsync(path);

        Assert.Equal(HealthyPush.Length, result.Lines);
        Assert.Empty(result.Signatures);
    }

    [Fact]
    public async Task Scan_S3FailuresAmongHealthyLines_CountsWithFirstAndLastTimeAndExample()
    {
        var path = _directory.Combine("current");
        await File.WriteAllLinesAsync(path, [.. HealthyPush, S3Denied, .. HealthyPush, S3Denied.Replace("09:10:00", "09:20:00", StringComparison.Ordinal)]);

        var result = await ScanAsync(path);

        var signature = Assert.Single(result.Signatures);
        Assert.Equal("s3-access-denied-write", signature.Match.SignatureId);
        Assert.Equal(2, signature.Count);
        Assert.Equal("2026-11-28_09:10:00.00001", signature.FirstTime);
        Assert.Equal("2026-11-28_09:20:00.00001", signature.LastTime);
        Assert.Equal(HealthyPush.Length + 1, signature.ExampleLine);
        Assert.Contains("AccessDenied", signature.Example);
    }

    [Fact]
    public async Task Scan_GzipRotationAndGitLabJsonAndRailsLog_ReadsAll()
    {
        var gz = _directory.Combine("current.1.gz");
        await using (var file = File.Create(gz))
        await using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(zip))
        {
            await writer.WriteLineAsync("{\"code\":\"UNKNOWN\",\"detail\":\"s3aws: AuthorizationHeaderMalformed: the region 'us-east-1' is wrong; expecting 'eu-central-1'\",\"level\":\"error\",\"time\":\"2026-11-27T10:00:00Z\"}");
        }
        var rails = _directory.Combine("production.log");
        await File.WriteAllTextAsync(rails, "Faraday::ConnectionFailed (Failed to open TCP connection to registry.example.com:443 (Connection refused))\n");

        var result = await ScanAsync(gz, rails);

        Assert.Equal(2, result.Lines);
        Assert.Equal(["s3-authorization-header-malformed", "upstream-connect-failed"], result.Signatures.Select(s => s.Match.SignatureId).Order());
    }

    [Fact]
    public async Task Scan_MissingFile_ThrowsInputException()
    {
        await Assert.ThrowsAsync<InputException>(() => ScanAsync(_directory.Combine("absent.log")));
    }

    [Fact]
    public async Task Scan_70MiBLog_StreamsFastAndReportsProgress()
    {
        var path = _directory.Combine("big.log");
        await using (var writer = new StreamWriter(path))
        {
            var block = string.Join('\n', HealthyPush) + '\n';
            while (writer.BaseStream.Length < 70L * 1024 * 1024)
            {
                await writer.WriteAsync(block);
            }
            await writer.WriteLineAsync(S3Denied);
        }
        var progress = new List<string>();

        // Measured in CPU time of the scanning thread: the machine is shared, wall time says little.
        var before = ThreadCpuSeconds();
        var result = new LogScanner(KnowledgeBaseLogLineMatcher.Default).Scan([path], progress.Add, CancellationToken.None);
        var cpu = Math.Max(ThreadCpuSeconds() - before, 0.01);

        Assert.Equal(1, Assert.Single(result.Signatures).Count);
        Assert.NotEmpty(progress);
        // A 1 GB log "well under a minute" needs better than ~20 MB per second of one core.
        Assert.True(70 / cpu > 20, $"scanned at {70 / cpu:0} MB per CPU second");
    }

    /// <summary>User plus system time of the calling thread (/proc/thread-self/stat, clock ticks of 1/100 s).</summary>
    private static double ThreadCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    [Fact]
    public async Task Scan_WithoutCandidates_MatchesEveryLineAndCountsLines()
    {
        var path = _directory.Combine("plain.log");
        await File.WriteAllTextAsync(path, "one\r\ntwo MATCH\nthree\nfour MATCH");

        var result = await new LogScanner(new EveryLineMatcher()).ScanAsync([path], null, CancellationToken.None);

        Assert.Equal(4, result.Lines);
        var signature = Assert.Single(result.Signatures);
        Assert.Equal(2, signature.Count);
        Assert.Equal(2, signature.ExampleLine);
        Assert.Equal("two MATCH", signature.Example);
    }

    private sealed class EveryLineMatcher : ILogLineMatcher
    {
        public System.Buffers.SearchValues<string>? Candidates => null;

        public LogLineMatch? Match(string line) =>
            line.EndsWith("MATCH", StringComparison.Ordinal) ? new LogLineMatch("m", "m", LogSeverity.Warning, "c", "f") : null;
    }
}
