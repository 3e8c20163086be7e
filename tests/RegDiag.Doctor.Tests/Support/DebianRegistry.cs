using RegDiag.Testing;

namespace RegDiag.Doctor.Tests.Support;

/// <summary>
/// Debian's docker-registry (CNCF distribution 2.8.2) on loopback ports, with filesystem storage, deletion
/// enabled, a debug server with Prometheus, and TLS from a test CA unless plain HTTP is asked for.
/// </summary>
internal sealed class DebianRegistry : IAsyncDisposable
{
    private readonly DockerRegistry _registry;

    private DebianRegistry(DockerRegistry registry, TempDirectory directory, int debugPort, string logPath, TestPki? pki)
    {
        _registry = registry;
        Directory = directory;
        DebugPort = debugPort;
        LogPath = logPath;
        Pki = pki;
    }

    public TempDirectory Directory { get; }
    public int Port => _registry.Port;
    public int DebugPort { get; }
    public string LogPath { get; }
    public TestPki? Pki { get; }
    public string Output => _registry.Output;

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
        var config =
            "version: 0.1\n" +
            "log:\n  level: info\n  formatter: text\n" +
            $"storage:\n  filesystem:\n    rootdirectory: {directory.Combine("data")}\n  delete:\n    enabled: true\n" +
            $"http:\n  addr: 127.0.0.1:{port}\n  secret: doctor-test-secret\n{tlsSection}" +
            $"  debug:\n    addr: 127.0.0.1:{debugPort}\n    prometheus:\n      enabled: true\n      path: /metrics\n";
        try
        {
            var registry = await DockerRegistry.StartAsync(directory.Combine("config.yml"), config, port);
            return new DebianRegistry(registry, directory, debugPort, directory.Combine("registry.log"), pki);
        }
        catch
        {
            pki?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Writes what the registry logged so far to <see cref="LogPath"/> (it logs to stderr).</summary>
    public string SaveLog()
    {
        File.WriteAllText(LogPath, _registry.Output);
        return LogPath;
    }

    public ValueTask DisposeAsync()
    {
        _registry.Dispose();
        Pki?.Dispose();
        Directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
