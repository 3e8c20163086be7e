using RegDiag.Core.Journal;
using RegDiag.Proxy.Certificates;
using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Registry;

/// <summary>
/// The real thing: skopeo (Go, containers/image) pushes a multi-layer image to distribution over TLS through
/// the proxy and pulls it back. registry.test resolves to loopback (Go never proxies localhost/127.0.0.1).
/// </summary>
public sealed class RegistryPushTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("regdiag-registry");
    private TestPki _pki = null!;
    private DockerRegistry _registry = null!;

    /// <summary>registry.test:PORT, as image references name the registry.</summary>
    private string Authority => $"registry.test:{_registry.Port}";

    public async Task InitializeAsync()
    {
        _pki = new TestPki(_directory.Path);
        _registry = await StartRegistryAsync(_pki, _directory);
    }

    public Task DisposeAsync()
    {
        _registry.Dispose();
        _pki.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SkopeoCopy_PushAndPullThroughTheProxy_KeepsDigestsAndRecordsEveryExchange()
    {
        await using var proxy = await ProxyHarness.StartAsync(upstreamCa: _pki.CaPath);
        var image = OciImageLayout.Write(_directory.Combine("image"), "v1", 700_000, 700_000, 700_000);
        var skopeo = new SkopeoRunner(_directory, proxy.Server.CaCertificatePath, proxy.Server.ProxyUri);
        var certDir = skopeo.CertDirectory!;
        var reference = $"docker://{Authority}/regdiag/test:v1";

        var push = await skopeo.RunAsync(["copy", "--dest-cert-dir", certDir, $"oci:{_directory.Combine("image")}:v1", reference], TimeSpan.FromSeconds(90));
        Assert.True(push.ExitCode == 0, push.Output + _registry.Output);
        var pull = await skopeo.RunAsync(["copy", "--src-cert-dir", certDir, reference, $"oci:{_directory.Combine("pulled")}:v1"], TimeSpan.FromSeconds(90));
        Assert.True(pull.ExitCode == 0, pull.Output + _registry.Output);

        Assert.Equal(image.ManifestDigest, OciImageLayout.ManifestDigest(_directory.Combine("pulled"), "v1"));
        foreach (var digest in image.LayerDigests.Append(image.ConfigDigest))
        {
            Assert.True(File.Exists(_directory.Combine("pulled", "blobs", "sha256", digest["sha256:".Length..])), $"{digest} missing after the pull");
        }
        var journal = JournalReader.Read(proxy.Server.JournalPath).ToList();
        Assert.All(journal, e => Assert.Null(e.Error));
        // Every request the registry served went through the proxy and is in the journal (the registry writes
        // its access log line just after answering, so give the last one a moment).
        var served = journal.Count(e => e.Request.Method != "CONNECT");
        for (var i = 0; i < 50 && _registry.AccessLogRequests().Count < served; i++)
        {
            await Task.Delay(100);
        }
        Assert.True(served >= 10, $"only {served} exchanges recorded");
        Assert.Equal(_registry.AccessLogRequests().Count, served);
        Assert.Contains(journal, e => e.Request.Method == "PUT" && e.Request.Url.Contains("/manifests/v1") && e.Response?.Status == 201);
        var layerPuts = journal.Where(e => e.Request.Method is "PUT" or "PATCH" && e.Request.Url.Contains("/blobs/uploads/")).ToList();
        foreach (var digest in image.LayerDigests)
        {
            Assert.Contains(layerPuts, e => e.Request.Url.Contains("digest=" + Uri.EscapeDataString(digest)) || e.Request.Url.Contains("digest=" + digest));
            Assert.Contains(journal, e => e.Request.Method == "GET" && e.Request.Url.EndsWith("/blobs/" + digest)
                && e.Response?.Body.Sha256 == digest);
        }
        Assert.Contains(journal, e => e.Request.Url.EndsWith("/manifests/v1") && e.Request.Method == "GET"
            && e.Response?.Body.Sha256 == image.ManifestDigest && e.Response.Body.Text!.Contains("schemaVersion"));
    }

    [Fact]
    public async Task NameConstrainedCa_GoClientAcceptsPermittedHostAndRejectsOthers()
    {
        using var caDir = new TempDirectory("regdiag-constrained");
        CertificateAuthority.LoadOrCreate(caDir.Path, ["registry.test"]).Dispose();
        await using var proxy = await ProxyHarness.StartAsync(o => o with { CaDirectory = caDir.Path }, _pki.CaPath);
        var skopeo = new SkopeoRunner(_directory, proxy.Server.CaCertificatePath, proxy.Server.ProxyUri);
        var certDir = skopeo.CertDirectory!;

        var permitted = await skopeo.RunAsync(["inspect", "--raw", "--cert-dir", certDir, $"docker://{Authority}/regdiag/none:v0"], TimeSpan.FromSeconds(90));
        var other = await skopeo.RunAsync(["inspect", "--raw", "--cert-dir", certDir, $"docker://other.test:{_registry.Port}/regdiag/none:v0"], TimeSpan.FromSeconds(90));

        // The permitted name gets as far as the registry (which does not know the repository).
        Assert.Contains("manifest unknown", permitted.Output);
        Assert.Contains("x509", other.Output);
        Assert.Contains("other.test", other.Output);
        proxy.Sink.WaitFor(e => e.Error?.Kind == Core.Model.ExchangeErrorKind.ClientTlsHandshake
            && e.Request.Url.StartsWith("other.test:"), "for the rejected handshake");
    }

    /// <summary>
    /// Debian's docker-registry over TLS as registry.test, its certificate from the test CA, its access log on
    /// (one line per request it served).
    /// </summary>
    private static Task<DockerRegistry> StartRegistryAsync(TestPki pki, TempDirectory directory)
    {
        var (cert, key) = pki.WritePem(pki.IssueServer("registry.test"), "registry", directory.Path);
        var port = FreeLoopbackPort.Next();
        return DockerRegistry.StartAsync(directory.Combine("registry.yml"), $"""
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
            """, port);
    }
}
