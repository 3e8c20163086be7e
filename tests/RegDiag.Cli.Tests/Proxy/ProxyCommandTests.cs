using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using RegDiag.Core.Journal;
using RegDiag.Core.Model;
using RegDiag.Testing;

namespace RegDiag.Cli.Tests.Proxy;

/// <summary>`regdiag proxy --no-tui` as a real process: startup lines, one line per exchange, clean stop on signals.</summary>
public sealed class ProxyCommandTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    [Theory]
    [InlineData(SigInt)]
    [InlineData(SigTerm)]
    public async Task NoTui_ExchangeThenSignal_PrintsALineSavesHarAndExitsZero(int signal)
    {
        using var home = new TempDirectory();
        var har = home.Combine("capture.har");
        using var proxy = StartProxy(home.Path, "--no-tui", "--port", "0", "--save", har);
        var listening = await proxy.ReadLineAsync(l => l.StartsWith("regdiag proxy listening on ", StringComparison.Ordinal));
        var proxyUri = listening["regdiag proxy listening on ".Length..];
        var journalLine = await proxy.ReadLineAsync(l => l.TrimStart().StartsWith("journal:", StringComparison.Ordinal));
        var closedPort = ClosedPort();

        var curl = await ExternalTool.RunAsync("curl", ["-sS", "--proxy", proxyUri, $"http://origin.test:{closedPort}/v2/?token=abc", "-H", "Authorization: Bearer sekrit"]);
        var line = await proxy.ReadLineAsync(l => l.Contains("/v2/?token=abc", StringComparison.Ordinal));
        Assert.Equal(0, kill(proxy.Process.Id, signal));
        await proxy.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains("regdiag: cannot connect to http://origin.test", curl.Stdout);
        Assert.Matches($@"^\d\d:\d\d:\d\d\.\d\d\d GET +ERR origin\.test:{closedPort} /v2/\?token=abc \d+ B \d+ ms UpstreamConnect: ", line);
        Assert.DoesNotContain("\u001b[", line);
        Assert.Equal(0, proxy.Process.ExitCode);
        var journal = journalLine.Split(':', 2)[1].Trim();
        var exchange = Assert.Single(JournalReader.Read(journal));
        Assert.Equal(ExchangeErrorKind.UpstreamConnect, exchange.Error?.Kind);
        var harText = File.ReadAllText(har);
        Assert.DoesNotContain("sekrit", harText);
        using var document = JsonDocument.Parse(harText);
        Assert.Single(document.RootElement.GetProperty("log").GetProperty("entries").EnumerateArray());
        Assert.DoesNotContain("Exception", proxy.AllOutput);
    }

    [Fact]
    public async Task Listen_NonLoopbackWithoutAllowRemote_IsRefusedWithExitCode2()
    {
        using var home = new TempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["proxy", "--no-tui", "--listen", "0.0.0.0", "--port", "0", "--ca-dir", home.Path], stdout, stderr);

        Assert.Equal(2, code);
        Assert.Contains("--allow-remote", stderr.ToString());
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task UpstreamCa_MissingFile_IsAUsageError()
    {
        using var home = new TempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["proxy", "--no-tui", "--port", "0", "--upstream-ca", home.Combine("nope.pem"), "--ca-dir", home.Path], stdout, stderr);

        Assert.Equal(2, code);
        Assert.Contains("nope.pem", stderr.ToString());
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProxyProcess StartProxy(string home, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "regdiag"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["proxy", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["REGDIAG_HOME"] = home;
        start.Environment["NO_COLOR"] = "1";
        return new ProxyProcess(Process.Start(start)!);
    }

    /// <summary>The proxy process and its output lines as they come.</summary>
    private sealed class ProxyProcess : IDisposable
    {
        private readonly List<string> _lines = [];

        public ProxyProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string AllOutput
        {
            get
            {
                lock (_lines)
                {
                    return string.Join('\n', _lines);
                }
            }
        }

        public async Task<string> ReadLineAsync(Func<string, bool> predicate)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                lock (_lines)
                {
                    var found = _lines.FirstOrDefault(predicate);
                    if (found != null)
                    {
                        return found;
                    }
                }
                await Task.Delay(50);
            }
            throw new Xunit.Sdk.XunitException($"the proxy did not print the expected line; output:\n{AllOutput}");
        }

        private void Add(string? line)
        {
            if (line != null)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }
            Process.Dispose();
        }
    }
}
