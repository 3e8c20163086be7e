using System.Globalization;
using Microsoft.AspNetCore.Http;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Tests.Support;
using RegDiag.Testing;

namespace RegDiag.Doctor.Tests;

/// <summary>Cases the lab and Debian's registry cannot produce, served by a purpose-built Kestrel server.</summary>
public sealed class KestrelCasesTests : IDisposable
{
    private readonly TempDirectory _directory = new("regdiag-doctor-kestrel");
    private readonly TestPki _pki;

    public KestrelCasesTests() => _pki = new TestPki(_directory.Path);

    public void Dispose()
    {
        _pki.Dispose();
        _directory.Dispose();
    }

    private static Task Registry(HttpContext context, DateTimeOffset? date = null)
    {
        context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        if (date != null)
        {
            context.Response.Headers.Date = date.Value.ToString("r", CultureInfo.InvariantCulture);
        }
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{}");
    }

    private DoctorOptions Options(int port, bool https = true) => new()
    {
        Target = RegistryTarget.Parse($"{(https ? "https" : "http")}://registry.test:{port}"),
        CaFile = _pki.CaPath,
    };

    [Fact]
    public async Task Clock_RegistryDateOneHourAhead_FailsBeyondS3Tolerance()
    {
        await using var server = await KestrelServer.StartAsync(c => Registry(c, DateTimeOffset.UtcNow.AddHours(1)), _pki.Issue(["registry.test"]));

        var run = await DoctorRun.RunAsync(Options(server.Port));

        var clock = run.Expect(CheckIds.Clock, CheckStatus.Fail);
        Assert.Contains("1 h", clock.Finding);
        Assert.Contains("RequestTimeTooSkewed", clock.Finding);
        Assert.Contains(clock.Evidence, e => e.Contains("ahead of this machine", StringComparison.Ordinal) && e.Contains('±'));
        run.ExpectOthersPassOrSkip(CheckIds.Clock);
    }

    [Fact]
    public async Task Clock_RegistryDateTwoMinutesBehind_Warns()
    {
        await using var server = await KestrelServer.StartAsync(c => Registry(c, DateTimeOffset.UtcNow.AddMinutes(-2)), _pki.Issue(["registry.test"]));

        var run = await DoctorRun.RunAsync(Options(server.Port));

        var clock = run.Expect(CheckIds.Clock, CheckStatus.Warn);
        Assert.Contains("2 min", clock.Finding);
    }

    [Fact]
    public async Task Tls_CertificateExpiringInTenDays_Warns()
    {
        await using var server = await KestrelServer.StartAsync(c => Registry(c), _pki.Issue(["registry.test"], DateTimeOffset.UtcNow.AddDays(10), DateTimeOffset.UtcNow.AddDays(-355)));

        var run = await DoctorRun.RunAsync(Options(server.Port));

        var tls = run.Expect(CheckIds.Tls, CheckStatus.Warn);
        Assert.Contains("expires in", tls.Finding);
        run.Expect(CheckIds.Api, CheckStatus.Pass);
    }

    [Fact]
    public async Task Tls_ShortLivedCertificateWithMostOfItsLifeLeft_Passes()
    {
        // A 30-day certificate (as the lab and internal ACME CAs issue) is due only when a third is left.
        await using var server = await KestrelServer.StartAsync(c => Registry(c), _pki.Issue(["registry.test"], DateTimeOffset.UtcNow.AddDays(25), DateTimeOffset.UtcNow.AddDays(-5)));

        var run = await DoctorRun.RunAsync(Options(server.Port));

        run.Expect(CheckIds.Tls, CheckStatus.Pass);
    }

    [Fact]
    public async Task Tls_CertificateForAnotherName_FailsNamingBoth()
    {
        await using var server = await KestrelServer.StartAsync(c => Registry(c), _pki.Issue(["other.test"]));

        var run = await DoctorRun.RunAsync(Options(server.Port));

        var tls = run.Expect(CheckIds.Tls, CheckStatus.Fail);
        Assert.Contains("does not name registry.test", tls.Finding);
        Assert.Contains("other.test", tls.Finding);
    }

    [Fact]
    public async Task Reachability_HttpsExpectedOnKestrelPlainHttp_FailsWithDockersMessage()
    {
        await using var server = await KestrelServer.StartAsync(c => Registry(c));

        var run = await DoctorRun.RunAsync(Options(server.Port));

        var reach = run.Expect(CheckIds.Reachability, CheckStatus.Fail);
        Assert.Contains("server gave HTTP response to HTTPS client", reach.Finding);
    }

    [Fact]
    public async Task Reachability_HttpOnKestrelTlsPort_FailsSayingItSpeaksHttps()
    {
        await using var server = await KestrelServer.StartAsync(c => Registry(c), _pki.Issue(["registry.test"]));

        var run = await DoctorRun.RunAsync(Options(server.Port, https: false));

        var reach = run.Expect(CheckIds.Reachability, CheckStatus.Fail);
        Assert.Contains("speaks HTTPS", reach.Finding);
    }

    [Fact]
    public async Task Api_ServiceUnavailableFromHealthCheck_FailsPointingAtDebugServer()
    {
        await using var server = await KestrelServer.StartAsync(async c =>
        {
            c.Response.StatusCode = 503;
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync("""{"errors":[{"code":"UNAVAILABLE","message":"service unavailable","detail":"health check failed: please see /debug/health"}]}""");
        }, _pki.Issue(["registry.test"]));

        var run = await DoctorRun.RunAsync(Options(server.Port));

        var api = run.Expect(CheckIds.Api, CheckStatus.Fail);
        Assert.Contains("health check", api.Finding);
        Assert.Contains("--debug-addr", api.Fix);
    }

    [Fact]
    public async Task Api_UnauthorizedWithoutChallenge_Fails()
    {
        await using var server = await KestrelServer.StartAsync(c =>
        {
            c.Response.StatusCode = 401;
            return Task.CompletedTask;
        }, _pki.Issue(["registry.test"]));

        var run = await DoctorRun.RunAsync(Options(server.Port));

        var api = run.Expect(CheckIds.Api, CheckStatus.Fail);
        Assert.Contains("without a WWW-Authenticate", api.Finding);
    }

    [Fact]
    public async Task Auth_RealmUnreachable_FailsNamingTheRealm()
    {
        var deadPort = FreeLoopbackPort.Next();
        await using var server = await KestrelServer.StartAsync(c =>
        {
            c.Response.StatusCode = 401;
            c.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            c.Response.Headers.WWWAuthenticate = $"Bearer realm=\"https://registry.test:{deadPort}/jwt/auth\",service=\"container_registry\"";
            return Task.CompletedTask;
        }, _pki.Issue(["registry.test"]));

        var run = await DoctorRun.RunAsync(Options(server.Port) with { Image = "group/project" });

        var auth = run.Expect(CheckIds.Auth, CheckStatus.Fail);
        Assert.Contains($"https://registry.test:{deadPort}/jwt/auth", auth.Finding);
        Assert.Contains("unreachable", auth.Finding);
        run.Expect(CheckIds.Api, CheckStatus.Pass);
    }

    [Fact]
    public async Task Auth_ThirtySecondTokenWithoutExpiresIn_WarnsThatOnlyDistributionsLeewayCoversIt()
    {
        static string Part(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var server = await KestrelServer.StartAsync(async c =>
        {
            c.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            if (c.Request.Path == "/jwt/auth")
            {
                // A token service that issues 30-second tokens and announces no expires_in (clients assume 60 s).
                var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var token = Part("{\"alg\":\"RS256\",\"kid\":\"K1\"}") + "." + Part(
                    $"{{\"iss\":\"gitlab-issuer\",\"aud\":\"container_registry\",\"sub\":\"alice\",\"iat\":{now},\"nbf\":{now},\"exp\":{now + 30}," +
                    "\"access\":[{\"type\":\"repository\",\"name\":\"group/project\",\"actions\":[\"pull\",\"push\"]}]}") + ".c2lnbmF0dXJl";
                c.Response.ContentType = "application/json";
                await c.Response.WriteAsync($"{{\"token\":\"{token}\"}}");
                return;
            }
            if (!c.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
            {
                c.Response.StatusCode = 401;
                c.Response.Headers.WWWAuthenticate = $"Bearer realm=\"https://registry.test:{c.Connection.LocalPort}/jwt/auth\",service=\"container_registry\"";
                return;
            }
            await c.Response.WriteAsync("{}");
        }, _pki.Issue(["registry.test"]));

        var run = await DoctorRun.RunAsync(Options(server.Port) with { Image = "group/project", User = "alice", Password = "secret" });

        var auth = run.Expect(CheckIds.Auth, CheckStatus.Warn);
        Assert.StartsWith("tokens are usable for 30 s, less than the 60 s Docker and skopeo hold them", auth.Finding);
        Assert.Contains("container_registry_token_expire_delay", auth.Fix);
        Assert.Contains(auth.Evidence, e => e.StartsWith("token lifetime 30 s (exp - nbf/iat)", StringComparison.Ordinal) && e.Contains("no expires_in", StringComparison.Ordinal));
    }

    /// <summary>A registry without auth whose PATCH does what <paramref name="patch"/> says; DELETE answers 204.</summary>
    private Task<KestrelServer> UploadRegistryAsync(Func<HttpContext, Task> patch) => KestrelServer.StartAsync(async c =>
    {
        c.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        switch (c.Request.Method)
        {
            case "POST":
                c.Response.StatusCode = 202;
                c.Response.Headers.Location = "/v2/group/probe/blobs/uploads/u1?_state=s";
                break;
            case "PATCH":
                await patch(c);
                break;
            case "DELETE":
                c.Response.StatusCode = 204;
                break;
            default:
                await c.Response.WriteAsync("{}");
                break;
        }
    }, _pki.Issue(["registry.test"]));

    [Fact]
    public async Task BodySize_ProxyCutsTheConnectionMidBody_FailsSayingSoWithoutRepeatingIt()
    {
        var patches = 0;
        await using var server = await UploadRegistryAsync(async c =>
        {
            Interlocked.Increment(ref patches);
            var buffer = new byte[64 * 1024];
            long read = 0;
            while (read < 512 * 1024)
            {
                read += await c.Request.Body.ReadAsync(buffer);
            }
            c.Abort();
        });

        var run = await DoctorRun.RunAsync(Options(server.Port) with { ProbePushRepository = "group/probe", Only = [CheckIds.BodySize] });

        var body = run.Expect(CheckIds.BodySize, CheckStatus.Fail);
        Assert.StartsWith("the connection broke while sending a 2 MiB body", body.Finding);
        Assert.Contains("client_max_body_size", body.Fix);
        Assert.Equal(1, patches);
    }

    [Fact]
    public async Task BodySize_RangeShortOfTheBody_FailsSayingPartWasLost()
    {
        await using var server = await UploadRegistryAsync(async c =>
        {
            await c.Request.Body.CopyToAsync(Stream.Null);
            c.Response.StatusCode = 202;
            c.Response.Headers.Location = "/v2/group/probe/blobs/uploads/u1?_state=t";
            c.Response.Headers["Range"] = "0-1048575";
        });

        var run = await DoctorRun.RunAsync(Options(server.Port) with { ProbePushRepository = "group/probe", Only = [CheckIds.BodySize] });

        var body = run.Expect(CheckIds.BodySize, CheckStatus.Fail);
        Assert.StartsWith("the registry acknowledged Range 0-1048575 for a 2 MiB body instead of 0-2097151", body.Finding);
        Assert.Contains(body.Evidence, e => e.StartsWith("ok   large upload: cancel: DELETE -> 204", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Latency_BlobLookupsTakeQuarterSecond_WarnsStorageIsSlowish()
    {
        await using var server = await KestrelServer.StartAsync(async c =>
        {
            c.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            if (HttpMethods.IsHead(c.Request.Method))
            {
                // A storage lookup in a bucket on another continent.
                await Task.Delay(250);
                c.Response.StatusCode = 404;
                return;
            }
            await c.Response.WriteAsync("{}");
        }, _pki.Issue(["registry.test"]));

        var run = await DoctorRun.RunAsync(Options(server.Port) with { Image = "group/app", Only = [CheckIds.Latency] });

        var latency = run.Expect(CheckIds.Latency, CheckStatus.Warn);
        Assert.StartsWith("storage is slowish: each storage call takes about ", latency.Finding);
        Assert.Contains(latency.Evidence, e => e.StartsWith("HEAD of an absent blob in group/app (one storage lookup): fastest of 3 ", StringComparison.Ordinal));
        run.Expect(CheckIds.ProbePush, CheckStatus.Skipped);
    }

    [Fact]
    public async Task Debug_ServerOnAllInterfaces_WarnsThatItAnswersOffLoopback()
    {
        var hasOtherAddress = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Any(a => a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a.Address));
        Assert.True(hasOtherAddress, "this test needs a non-loopback IPv4 address");
        await using var server = await KestrelServer.StartAsync(c => c.Request.Path == "/debug/health"
            ? c.Response.WriteAsync("{}")
            : Task.FromResult(c.Response.StatusCode = 404), listen: System.Net.IPAddress.Any);

        var run = await DoctorRun.RunAsync(new DoctorOptions { DebugAddress = $"127.0.0.1:{server.Port}" });

        var debug = run.Expect(CheckIds.Debug, CheckStatus.Warn);
        Assert.Contains("also answers on", debug.Finding);
        Assert.Contains("localhost:5001", debug.Fix);
    }

    [Fact]
    public async Task Debug_HealthCheckFailing_FailsNamingTheCheck()
    {
        await using var server = await KestrelServer.StartAsync(async c =>
        {
            c.Response.StatusCode = c.Request.Path == "/debug/health" ? 503 : 404;
            await c.Response.WriteAsync("""{"storagedriver_s3":"s3aws: AccessDenied: Access Denied"}""");
        });

        var run = await DoctorRun.RunAsync(new DoctorOptions { DebugAddress = $"127.0.0.1:{server.Port}" });

        var debug = run.Expect(CheckIds.Debug, CheckStatus.Fail);
        Assert.Contains("storagedriver_s3: s3aws: AccessDenied", debug.Finding);
        Assert.Contains("S3 credentials", debug.Fix);
    }
}
