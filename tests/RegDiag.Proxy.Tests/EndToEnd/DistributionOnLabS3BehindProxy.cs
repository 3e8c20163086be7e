using System.Security.Cryptography;
using RegDiag.Lab;
using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.EndToEnd;

/// <summary>
/// Debian's docker-registry (distribution 2.8.2) as registry.test over TLS, storing in the lab's S3 endpoint
/// with the storage.s3 settings the lab wrote to its config.yml (scenario mistakes included), and sending its
/// own S3 calls through the proxy: its endpoint is s3.test (Go never proxies loopback) and it trusts only the
/// proxy's CA.
/// </summary>
internal sealed class DistributionOnLabS3BehindProxy : IDisposable
{
    public const string Hostname = "registry.test";

    private readonly DockerRegistry _registry;

    private DistributionOnLabS3BehindProxy(DockerRegistry registry) => _registry = registry;

    /// <summary>registry.test:PORT, as image references name it.</summary>
    public string Authority => $"{Hostname}:{Port}";

    public int Port => _registry.Port;

    /// <summary>What the registry logged (logrus text on stdout).</summary>
    public string Output => _registry.Output;

    public static async Task<DistributionOnLabS3BehindProxy> StartAsync(
        RunningLab lab, string proxyUri, string proxyCaPem, TestPki pki, TempDirectory directory)
    {
        var s3 = lab.S3Endpoint ?? throw new InvalidOperationException("the lab runs without S3 storage");
        Assert.Equal(LabBehindProxy.S3Hostname, s3.Endpoint.Host);
        var (cert, key) = pki.WritePem(pki.IssueServer(Hostname), "registry", directory.Path);
        var port = FreeLoopbackPort.Next();
        var config = $"""
            version: 0.1
            log:
              level: info
              formatter: text
            storage:
              s3:
                accesskey: {s3.AccessKey}
                secretkey: {LabConfigValue(lab, "secretkey")}
                region: {s3.Region}
                regionendpoint: {s3.Endpoint.GetLeftPart(UriPartial.Authority)}
                bucket: {s3.Bucket}
                rootdirectory: /e2e
              redirect:
                disable: false
            http:
              addr: 127.0.0.1:{port}
              secret: {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}
              tls:
                certificate: {cert}
                key: {key}
            """;
        var registry = await DockerRegistry.StartAsync(directory.Combine("registry.yml"), config, port, new Dictionary<string, string?>
        {
            ["REGISTRY_AUTH_FILE"] = null, // REGISTRY_* variables override its configuration
            ["HTTPS_PROXY"] = proxyUri,
            ["HTTP_PROXY"] = proxyUri,
            ["https_proxy"] = null,
            ["http_proxy"] = null,
            ["NO_PROXY"] = null,
            ["no_proxy"] = null,
            // Go's roots: only the proxy's CA, so a storage call that bypassed the proxy could not succeed.
            ["SSL_CERT_FILE"] = proxyCaPem,
        });
        return new DistributionOnLabS3BehindProxy(registry);
    }

    /// <summary>A storage.s3 value of the lab's config.yml: what a real registry on the lab's store is given.</summary>
    private static string LabConfigValue(RunningLab lab, string key)
    {
        var prefix = key + ":";
        var line = File.ReadLines(lab.ConfigPath).Select(l => l.Trim()).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line[prefix.Length..].Trim().Trim('"');
    }

    public void Dispose() => _registry.Dispose();
}
