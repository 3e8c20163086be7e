using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RegDiag.Lab.Tests.Support;
using RegDiag.Testing;

namespace RegDiag.Lab.Tests.S3;

/// <summary>
/// Debian's real distribution registry (2.8.2, s3aws driver) using the lab's S3 endpoint as its storage,
/// pushed to and pulled from with skopeo: the strongest check that the endpoint speaks S3 well enough.
/// </summary>
public sealed class DistributionOnLabS3Tests
{
    [Fact]
    public async Task DockerRegistryOnLabS3_SkopeoPushAndPull_SucceedsWithRedirectsToS3()
    {
        using var work = new TempDirectory("regdiag-dist-s3");
        var (ca, leaf) = TestCertificates.Create("registry.test", "s3.test");
        await using var s3 = await S3Fixture.StartWithCertificateAsync(ca, leaf, "s3.test");
        var registryPort = FreeLoopbackPort.Next();
        File.WriteAllText(work.Combine("ca.pem"), ca.ExportCertificatePem());
        var skopeo = new SkopeoRunner(work, work.Combine("ca.pem"));
        File.WriteAllText(work.Combine("registry.crt"), leaf.ExportCertificatePem());
        File.WriteAllText(work.Combine("registry.key"), leaf.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var config = $"""
            version: 0.1
            log:
              level: info
              formatter: text
            storage:
              s3:
                accesskey: {s3.Server.Options.AccessKey}
                secretkey: {s3.Server.Options.SecretKey}
                region: {s3.Server.Options.Region}
                regionendpoint: {s3.Server.Endpoint}
                bucket: {s3.Bucket}
                rootdirectory: /registry
                chunksize: 5242880
              redirect:
                disable: false
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{registryPort}
              secret: {Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}
              tls:
                certificate: {work.Combine("registry.crt")}
                key: {work.Combine("registry.key")}
            """;
        var layers = OciImageLayout.Write(work.Combine("image"), "v1", 11 * 1024 * 1024, 2000, 40_000).LayerDigests;
        using var registry = await DockerRegistry.StartAsync(work.Combine("config.yml"), config, registryPort, new Dictionary<string, string?>
        {
            ["SSL_CERT_FILE"] = work.Combine("ca.pem"),
        });
        var registryHost = $"registry.test:{registryPort}";

        var push = await skopeo.PushAsync(work.Combine("image"), "v1", $"{registryHost}/group/project/image:v1", TimeSpan.FromSeconds(90));
        Assert.True(push.ExitCode == 0, push.Output + registry.Output);
        var pull = await skopeo.PullAsync($"{registryHost}/group/project/image:v1", work.Combine("pulled"), "v1", TimeSpan.FromSeconds(90));
        Assert.True(pull.ExitCode == 0, pull.Output + registry.Output);
        var tags = await skopeo.RunAsync(["list-tags", "--cert-dir", skopeo.CertDirectory!, $"docker://{registryHost}/group/project/image"]);
        using var http = s3.HttpClient();
        var catalog = await http.GetStringAsync($"https://{registryHost}/v2/_catalog");

        foreach (var layer in layers)
        {
            Assert.True(File.Exists(work.Combine("pulled", "blobs", "sha256", layer["sha256:".Length..])), $"{layer} missing after pull");
        }
        Assert.Contains("\"v1\"", tags.Stdout);
        Assert.Equal("{\"repositories\":[\"group/project/image\"]}\n", catalog);
        Assert.Matches("http.request.method=GET .*http.response.status=307", registry.Output);
    }

    [Fact]
    public async Task DockerRegistryWithLabConfigStorageSection_SkopeoPushAndPull_Succeed()
    {
        using var work = new TempDirectory("regdiag-dist-labcfg");
        await using var lab = await LabHost.StartAsync(new LabOptions
        {
            RegDiagHome = work.Combine("home"),
            Storage = LabStorageKind.S3,
        });
        // The storage section exactly as the lab wrote it; only the http section is the test's own.
        var labConfig = await File.ReadAllTextAsync(lab.ConfigPath);
        var storage = labConfig[labConfig.IndexOf("storage:\n", StringComparison.Ordinal)..labConfig.IndexOf("http:\n", StringComparison.Ordinal)];
        var (ca, leaf) = TestCertificates.Create("registry.test");
        var registryPort = FreeLoopbackPort.Next();
        File.WriteAllText(work.Combine("ca.pem"), ca.ExportCertificatePem());
        var skopeo = new SkopeoRunner(work, work.Combine("ca.pem"));
        File.Copy(lab.CaCertificatePath!, Path.Combine(skopeo.CertDirectory!, "lab.crt")); // skopeo follows redirects to the lab S3
        File.WriteAllText(work.Combine("registry.crt"), leaf.ExportCertificatePem());
        File.WriteAllText(work.Combine("registry.key"), leaf.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var config = "version: 0.1\nlog:\n  formatter: text\n" + storage + $"""
            http:
              addr: 127.0.0.1:{registryPort}
              secret: {Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}
              tls:
                certificate: {work.Combine("registry.crt")}
                key: {work.Combine("registry.key")}

            """;
        var image = OciImageLayout.Write(work.Combine("image"), "v1", 30_000, 2_000);
        using var registry = await DockerRegistry.StartAsync(work.Combine("config.yml"), config, registryPort, new Dictionary<string, string?>
        {
            ["SSL_CERT_FILE"] = lab.CaCertificatePath,
        });
        var registryHost = $"registry.test:{registryPort}";

        var push = await skopeo.PushAsync(work.Combine("image"), "v1", $"{registryHost}/group/project/image:v1", TimeSpan.FromSeconds(90));
        Assert.True(push.ExitCode == 0, push.Output + registry.Output);
        var pull = await skopeo.PullAsync($"{registryHost}/group/project/image:v1", work.Combine("pulled"), "v1", TimeSpan.FromSeconds(90));

        Assert.True(pull.ExitCode == 0, pull.Output + registry.Output);
        Assert.Matches("http.request.method=GET .*http.response.status=307", registry.Output);
        // The lab registry sees what the real one wrote: same bucket, same keys.
        Assert.Equal(["group/project/image"], await lab.Services.Catalog.RepositoriesAsync(default));
    }
}
