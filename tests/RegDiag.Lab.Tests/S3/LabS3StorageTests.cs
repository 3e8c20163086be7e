using System.Net;
using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Tests.Support;
using RegDiag.Testing;

namespace RegDiag.Lab.Tests.S3;

/// <summary>`regdiag lab --storage s3` in-process: skopeo through the lab registry, blobs redirected to the lab S3.</summary>
public sealed class LabS3StorageTests
{
    // What skopeo 1.9 prints when the registry's blob HEAD fails with 500 UNKNOWN (registry-failures.md section 9).
    private const string ReuseBlob500 =
        @"trying to reuse blob sha256:[0-9a-f]{64} at destination: failed to read from destination repository group/project/image: 500 \(Internal Server Error\)";

    private static Task<RunningLab> StartAsync(TempDirectory temp, StringWriter log, params string[] scenarios) =>
        LabHost.StartAsync(new LabOptions
        {
            RegDiagHome = temp.Combine("home"),
            Hostnames = ["registry.test"],
            Storage = LabStorageKind.S3,
            S3Hostname = "s3.test",
            Scenarios = scenarios,
            LogOutput = TextWriter.Synchronized(log),
        });

    /// <summary>
    /// The registry's log once it holds <paramref name="expected"/> (or after 10 s): its lines arrive through an
    /// output pump, after the client has already seen the response they describe.
    /// </summary>
    private static async Task<string> LoggedAsync(StringWriter log, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!log.ToString().Contains(expected, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        return log.ToString();
    }

    [Fact]
    public async Task LabOnS3_SkopeoPushAndPull_BlobsRedirectedToPresignedS3Urls()
    {
        using var temp = new TempDirectory();
        var log = new StringWriter();
        await using var lab = await StartAsync(temp, log);
        var image = OciImageLayout.Write(temp.Combine("src"), "v1", 6 * 1024 * 1024, 50_000, 3_000);
        var skopeo = new SkopeoRunner(temp, lab.CaCertificatePath);
        var reference = $"registry.test:{lab.RegistryPort}/group/project/image:v1";

        var push = await skopeo.PushAsync(image.Directory, "v1", reference);
        Assert.True(push.ExitCode == 0, push.Output + log);
        var pull = await skopeo.PullAsync(reference, temp.Combine("dst"), "v1");
        Assert.True(pull.ExitCode == 0, pull.Output + log);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head,
            $"https://registry.test:{lab.RegistryPort}/v2/group/project/image/blobs/{image.LayerDigests[0]}"));
        var config = await File.ReadAllTextAsync(lab.ConfigPath);

        foreach (var layer in image.LayerDigests)
        {
            var hex = layer["sha256:".Length..];
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(image.Directory, "blobs", "sha256", hex)),
                File.ReadAllBytes(temp.Combine("dst", "blobs", "sha256", hex)));
        }
        Assert.Equal(HttpStatusCode.TemporaryRedirect, head.StatusCode);
        var location = head.Headers.Location!.AbsoluteUri;
        Assert.StartsWith($"https://s3.test:{lab.S3Uri!.Port}/regdiag-lab/docker/registry/v2/blobs/sha256/", location);
        Assert.Contains("X-Amz-Expires=1200", location);
        Assert.Matches("http.request.method=GET .*http.response.status=307", await LoggedAsync(log, "http.response.status=307"));
        Assert.Contains("  s3:\n", config);
        Assert.Contains($"    regionendpoint: \"https://127.0.0.1:{lab.S3Uri.Port}\"\n", config);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lab.ConfigPath));
        }
    }

    [Fact]
    public async Task S3HeadForbidden_RePushAndPull_FailWith403FromS3()
    {
        using var temp = new TempDirectory();
        var log = new StringWriter();
        await using var lab = await StartAsync(temp, log, LabScenarios.S3HeadForbidden);
        var image = OciImageLayout.Write(temp.Combine("src"), "v1", 20_000, 3_000);
        var skopeo = new SkopeoRunner(temp, lab.CaCertificatePath);
        var reference = $"registry.test:{lab.RegistryPort}/group/project/image";

        var first = await skopeo.PushAsync(image.Directory, "v1", reference + ":v1");
        var again = await skopeo.PushAsync(image.Directory, "v1", reference + ":v2");
        var pull = await skopeo.PullAsync(reference + ":v1", temp.Combine("dst"), "v1");

        Assert.True(first.ExitCode == 0, first.Output + log);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Matches(@"trying to reuse blob sha256:[0-9a-f]{64} at destination: failed to read from destination repository group/project/image: 403 \(Forbidden\)", again.Output);
        Assert.NotEqual(0, pull.ExitCode);
        Assert.Matches(@"reading blob sha256:[0-9a-f]{64}: Error fetching blob: invalid status code from registry 403 \(Forbidden\)", pull.Output);
    }

    [Theory]
    [InlineData(LabScenarios.S3PutForbidden, "s3aws: AccessDenied: Access Denied",
        @"writing blob: initiating layer upload to /v2/group/project/image/blobs/uploads/ in registry\.test:\d+: received unexpected HTTP status: 500 Internal Server Error")]
    [InlineData(LabScenarios.ClockSkew, "s3aws: RequestTimeTooSkewed: The difference between the request time and the current time is too large.", ReuseBlob500)]
    [InlineData(LabScenarios.WrongRegion, "s3aws: AuthorizationHeaderMalformed: The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'", ReuseBlob500)]
    [InlineData(LabScenarios.BadCredentials, "s3aws: SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Check your key and signing method.", ReuseBlob500)]
    public async Task RegistryS3CallsRejected_PushFailsWith500_LogCarriesS3Error(string scenario, string detail, string clientText)
    {
        using var temp = new TempDirectory();
        var log = new StringWriter();
        await using var lab = await StartAsync(temp, log, scenario);
        var image = OciImageLayout.Write(temp.Combine("src"), "v1", 20_000);
        var skopeo = new SkopeoRunner(temp, lab.CaCertificatePath);

        var push = await skopeo.PushAsync(image.Directory, "v1", $"registry.test:{lab.RegistryPort}/group/project/image:v1");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Matches(clientText, push.Output);
        var logged = await LoggedAsync(log, "err.detail=\"" + detail);
        Assert.Contains("err.detail=\"" + detail, logged);
        Assert.Contains("err.code=unknown", logged);
    }

    [Fact]
    public async Task BadCredentials_DebugHealth_StorageCheckRedWithS3Error()
    {
        using var temp = new TempDirectory();
        var log = new StringWriter();
        await using var lab = await StartAsync(temp, log, LabScenarios.BadCredentials);
        using var http = new HttpClient();

        using var health = await http.GetAsync(new Uri(lab.DebugUri, "debug/health"));
        var body = await health.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"storagedriver_s3aws\":\"s3aws: SignatureDoesNotMatch: The request signature we calculated does not match", body);
    }

    [Fact]
    public async Task NoRedirect_BlobGet_ServedByRegistryNot307()
    {
        using var temp = new TempDirectory();
        await using var lab = await LabHost.StartAsync(new LabOptions
        {
            RegDiagHome = temp.Combine("home"),
            Storage = LabStorageKind.S3,
            NoRedirect = true,
        });
        var image = OciImageLayout.Write(temp.Combine("src"), "v1", 10_000);
        var skopeo = new SkopeoRunner(temp, lab.CaCertificatePath);
        var push = await skopeo.PushAsync(image.Directory, "v1", $"{lab.RegistryHost}/solo:v1");
        Assert.True(push.ExitCode == 0, push.Output);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });

        var blob = await http.GetByteArrayAsync(new Uri(lab.RegistryUri, $"v2/solo/blobs/{image.LayerDigests[0]}"));

        Assert.Equal(File.ReadAllBytes(Path.Combine(image.Directory, "blobs", "sha256", image.LayerDigests[0]["sha256:".Length..])), blob);
    }

    [Fact]
    public async Task PlainHttpLabOnS3_MonolithicUpload_BlobGetRedirectsToPlainHttpS3()
    {
        using var temp = new TempDirectory();
        await using var lab = await LabHost.StartAsync(new LabOptions
        {
            RegDiagHome = temp.Combine("home"),
            Storage = LabStorageKind.S3,
            PlainHttp = true,
        });
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        var content = "plain-http-blob"u8.ToArray();
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));

        using var put = await http.PostAsync(new Uri(lab.RegistryUri, $"v2/solo/blobs/uploads/?digest={digest}"), new ByteArrayContent(content));
        using var get = await http.GetAsync(new Uri(lab.RegistryUri, $"v2/solo/blobs/{digest}"));
        var location = get.Headers.Location!;
        var fromS3 = await http.GetByteArrayAsync(location);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, get.StatusCode);
        Assert.Equal($"http://127.0.0.1:{lab.S3Uri!.Port}", location.GetLeftPart(UriPartial.Authority));
        Assert.Equal(content, fromS3);
    }
}
