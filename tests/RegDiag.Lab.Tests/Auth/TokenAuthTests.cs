using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Tests.Support;

namespace RegDiag.Lab.Tests.Auth;

public sealed class TokenAuthTests
{
    private static Task<TestLab> StartAsync(params string[] scenarios) => TestLab.StartAsync(o => new LabOptions
    {
        RegDiagHome = o.RegDiagHome,
        Hostnames = o.Hostnames,
        Auth = LabAuthMode.Token,
        Users = [new LabUser("alice", "s3cret:with:colons")],
        Scenarios = scenarios,
    });

    private static async Task<string> TokenAsync(TestLab lab, string scope, string user = "alice", string password = "s3cret:with:colons")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/auth/token?service=regdiag-lab&scope={Uri.EscapeDataString(scope)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await lab.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(300, json.RootElement.GetProperty("expires_in").GetInt32());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private static HttpRequestMessage WithBearer(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task Request_WithoutToken_Returns401WithChallengeNamingRealmServiceAndScope()
    {
        await using var lab = await StartAsync();

        using var response = await lab.Client.GetAsync("/v2/group/app/tags/list");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"Bearer realm=\"{lab.Lab.RegistryUri}auth/token\",service=\"regdiag-lab\",scope=\"repository:group/app:pull\"",
            response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\",\"detail\":[{\"Type\":\"repository\",\"Class\":\"\",\"Name\":\"group/app\",\"Action\":\"pull\"}]}]}\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Base_WithoutToken_ChallengesWithoutScope()
    {
        await using var lab = await StartAsync();

        using var response = await lab.Client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"Bearer realm=\"{lab.Lab.RegistryUri}auth/token\",service=\"regdiag-lab\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Token_WithPushScope_AllowsUpload()
    {
        await using var lab = await StartAsync();
        var token = await TokenAsync(lab, "repository:group/app:pull,push");

        using var response = await lab.Client.SendAsync(WithBearer(HttpMethod.Post, "/v2/group/app/blobs/uploads/", token));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Token_ForOtherRepository_Returns401InsufficientScope()
    {
        await using var lab = await StartAsync();
        var token = await TokenAsync(lab, "repository:other:pull,push");

        using var response = await lab.Client.SendAsync(WithBearer(HttpMethod.Post, "/v2/group/app/blobs/uploads/", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.EndsWith(",scope=\"repository:group/app:pull,push\",error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task InsufficientScopeScenario_TokenServerDropsPush_PullStillWorks()
    {
        await using var lab = await StartAsync(LabScenarios.InsufficientScope);
        var token = await TokenAsync(lab, "repository:group/app:pull,push");

        using var push = await lab.Client.SendAsync(WithBearer(HttpMethod.Post, "/v2/group/app/blobs/uploads/", token));
        using var pull = await lab.Client.SendAsync(WithBearer(HttpMethod.Get, $"/v2/group/app/blobs/{Digests.Sha256([1])}", token));

        Assert.Equal(HttpStatusCode.Unauthorized, push.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", push.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.NotFound, pull.StatusCode);
    }

    [Fact]
    public async Task InsufficientScopeScenario_PushOnlyScope_TokenServerAnswers403Denied()
    {
        await using var lab = await StartAsync(LabScenarios.InsufficientScope);
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth/token?service=regdiag-lab&scope=repository:group/app:push");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret:with:colons")));

        using var response = await lab.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"access forbidden\"}]}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TokenServer_WrongPassword_Returns401()
    {
        await using var lab = await StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth/token?service=regdiag-lab&scope=repository:a:pull");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:wrong")));

        using var response = await lab.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"code\":\"UNAUTHORIZED\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TokenExpiredScenario_TokenRejectedAfterItsRealLifetime_WithInvalidToken()
    {
        await using var lab = await TestLab.StartAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome,
            Auth = LabAuthMode.Token,
            Users = [new LabUser("alice", "s3cret:with:colons")],
            Scenarios = [LabScenarios.TokenExpired],
            ExpiredTokenLifetime = TimeSpan.FromSeconds(1),
        });
        var token = await TokenAsync(lab, "repository:app:pull");
        using var fresh = await lab.Client.SendAsync(WithBearer(HttpMethod.Get, "/v2/", token));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var expired = await lab.Client.SendAsync(WithBearer(HttpMethod.Get, "/v2/", token));

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("error=\"invalid_token\"", expired.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Token_SignedByAnotherLab_IsRejected()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        var token = await TokenAsync(first, "repository:app:pull");

        using var response = await second.Client.SendAsync(WithBearer(HttpMethod.Get, "/v2/", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }
}
