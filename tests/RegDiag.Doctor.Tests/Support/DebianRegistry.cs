using System.Net.Sockets;
using RegDiag.Testing;

namespace RegDiag.Doctor.Tests.Support;

/// <summary>
/// Debian's docker-registry (CNCF distribution 2.8.2) on loopback ports, with filesystem storage, deletion
/// enabled, a debug server with Prometheus, and TLS from a test CA unless plain HTTP is asked for.
/// </summary>
internal sealed class DebianRegistry : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private DebianRegistry(RunningProcess process, TempDirectory directory, int port, int debugPort, string logPath, TestPki? pki)
    {
        _process = process;
        Directory = directory;
        Port = port;
        DebugPort = debugPort;
        LogPath = logPath;
        Pki = pki;
    }

    public TempDirectory Directory { get; }
    public int Port { get; }
    public int DebugPort { get; }
    public string LogPath { get; }
    public TestPki? Pki { get; }
    public string Output => _process.Output;

    public static async Task<DebianRegistry> StartAsync(bool tls)
    {
        var directory = new TempDirectory("regdiag-doctor-registry");
        var pki = tls ? new TestPki(directory.Path) : null;
        var port = FreeLoopbackPort.Next();
        var debugPort = FreeLoopbackPort.Next();
        var tlsSection = "";
        if (pki != null)
        {
            using var certificate = pki.Issue(["registry.test", "localhost", "127.0.0.1"]);
            var (cert, key) = pki.WritePem(certificate, "registry");
            tlsSection = $"  tls:\n    certificate: {cert}\n    key: {key}\n";
        }
        var config = directory.Combine("config.yml");
        await File.WriteAllTextAsync(config,
            "version: 0.1\n" +
            "log:\n  level: info\n  formatter: text\n" +
            $"storage:\n  filesystem:\n    rootdirectory: {directory.Combine("data")}\n  delete:\n    enabled: true\n" +
            $"http:\n  addr: 127.0.0.1:{port}\n  secret: doctor-test-secret\n{tlsSection}" +
            $"  debug:\n    addr: 127.0.0.1:{debugPort}\n    prometheus:\n      enabled: true\n      path: /metrics\n");
        var logPath = directory.Combine("registry.log");
        // Debian's registry panics at start when AWS_CA_BUNDLE is set.
        var process = ExternalTool.Start("docker-registry", ["serve", config], new Dictionary<string, string?> { ["AWS_CA_BUNDLE"] = null });
        var registry = new DebianRegistry(process, directory, port, debugPort, logPath, pki);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                await registry.DisposeAsync();
                throw new Xunit.Sdk.XunitException($"docker-registry did not start: {process.Output}");
            }
        }
        return registry;
    }

    /// <summary>Writes what the registry logged so far to <see cref="LogPath"/> (it logs to stderr).</summary>
    public string SaveLog()
    {
        File.WriteAllText(LogPath, _process.Output);
        return LogPath;
    }

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        Pki?.Dispose();
        Directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
