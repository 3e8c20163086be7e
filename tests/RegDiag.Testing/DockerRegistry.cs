using System.Net;
using System.Net.Sockets;

namespace RegDiag.Testing;

/// <summary>
/// Debian's docker-registry (CNCF distribution 2.8.2) run from a configuration the caller gives, on a loopback
/// port the caller chose (it cannot bind port 0 and report it: use <see cref="FreeLoopbackPort"/>). Ready once
/// the port accepts connections; its log (logrus on stdout/stderr) is kept for assertions and failure messages.
/// </summary>
public sealed class DockerRegistry : IDisposable
{
    private readonly RunningProcess _process;

    private DockerRegistry(RunningProcess process, int port, string configPath)
    {
        _process = process;
        Port = port;
        ConfigPath = configPath;
    }

    public int Port { get; }

    public string ConfigPath { get; }

    /// <summary>What the registry logged so far.</summary>
    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Writes <paramref name="configYaml"/> to <paramref name="configPath"/>, starts the registry with it and waits
    /// until it listens on 127.0.0.1:<paramref name="port"/> (the http.addr of the configuration).
    /// <paramref name="environment"/> adds or removes (null) variables of its environment.
    /// </summary>
    public static async Task<DockerRegistry> StartAsync(
        string configPath, string configYaml, int port, IDictionary<string, string?>? environment = null)
    {
        await File.WriteAllTextAsync(configPath, configYaml);
        // Debian's docker-registry panics at start when AWS_CA_BUNDLE is set.
        var env = new Dictionary<string, string?> { ["AWS_CA_BUNDLE"] = null };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }
        var process = ExternalTool.Start("docker-registry", ["serve", configPath], env);
        var registry = new DockerRegistry(process, port, configPath);
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
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                registry.Dispose();
                throw new Xunit.Sdk.XunitException($"docker-registry did not start on 127.0.0.1:{port}: {process.Output}");
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
