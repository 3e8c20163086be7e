using System.Net;
using System.Net.Sockets;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Fixtures;

/// <summary>
/// Debian's docker-registry (CNCF distribution 2.8) over TLS as registry.test on a free loopback port, its
/// certificate from the test CA, its access log kept (one line per request it served).
/// </summary>
internal sealed class DistributionRegistry : IDisposable
{
    private readonly RunningProcess _process;

    private DistributionRegistry(RunningProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Authority => $"registry.test:{Port}";

    public string Output => _process.Output;

    public static async Task<DistributionRegistry> StartAsync(TestPki pki, TempDirectory directory)
    {
        var (cert, key) = pki.WritePem(pki.IssueServer("registry.test"), "registry", directory.Path);
        var port = FreeLoopbackPort.Next();
        var config = directory.Combine("registry.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: false
            storage:
              filesystem:
                rootdirectory: {directory.Combine("storage")}
            http:
              addr: 127.0.0.1:{port}
              tls:
                certificate: {cert}
                key: {key}
            """);
        // Debian's docker-registry panics at start when AWS_CA_BUNDLE is set.
        var process = ExternalTool.Start("docker-registry", ["serve", config], new Dictionary<string, string?> { ["AWS_CA_BUNDLE"] = null });
        var registry = new DistributionRegistry(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return registry;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                registry.Dispose();
                throw new Xunit.Sdk.XunitException($"docker-registry did not start: {process.Output}");
            }
        }
    }

    /// <summary>The request lines of the registry's access log ("PUT /v2/... HTTP/2.0" 201 ...).</summary>
    public IReadOnlyList<string> AccessLogRequests() =>
        [.. Output.Split('\n').Where(l => l.Contains("\" 1", StringComparison.Ordinal) || l.Contains("\" 2", StringComparison.Ordinal)
            || l.Contains("\" 3", StringComparison.Ordinal) || l.Contains("\" 4", StringComparison.Ordinal) || l.Contains("\" 5", StringComparison.Ordinal))
            .Where(l => l.Contains(" HTTP/", StringComparison.Ordinal))];

    public void Dispose() => _process.Dispose();
}
