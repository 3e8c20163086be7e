using Microsoft.AspNetCore.Http;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Tests.Support;

namespace RegDiag.Doctor.Tests.Net;

/// <summary>The retry handler against a real Kestrel that fails a set number of times, then answers.</summary>
public sealed class TransientRetryHandlerTests
{
    private static async Task<(KestrelServer Server, Func<int> Hits)> FailingServerAsync(int failures, int status = 503)
    {
        var hits = 0;
        var server = await KestrelServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref hits) <= failures)
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\"}]}");
                return;
            }
            context.Response.StatusCode = 200;
        });
        return (server, () => Volatile.Read(ref hits));
    }

    private static HttpClient Client(RequestLedger ledger) =>
        new(new TransientRetryHandler(new SocketsHttpHandler(), ledger, "test"));

    [Fact]
    public async Task Send_GetFailsTwiceThenWorks_RetriesAndRecordsARecoveredOperation()
    {
        var (server, hits) = await FailingServerAsync(2);
        await using var _ = server;
        var ledger = new RequestLedger();
        using var client = Client(ledger);

        using var response = await client.GetAsync($"http://127.0.0.1:{server.Port}/v2/");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(3, hits());
        Assert.Equal(3, ledger.Requests);
        var retried = Assert.Single(ledger.Retried);
        Assert.True(retried.Recovered);
        Assert.Equal(["503 UNAVAILABLE", "503 UNAVAILABLE"], retried.Failures);
        Assert.Equal("GET 127.0.0.1/v2/", retried.Operation);
    }

    [Fact]
    public async Task Send_GetFailsEveryTime_GivesUpAfterMaxAttemptsAsPersistent()
    {
        var (server, hits) = await FailingServerAsync(int.MaxValue, 500);
        await using var _ = server;
        var ledger = new RequestLedger();
        using var client = Client(ledger);

        using var response = await client.GetAsync($"http://127.0.0.1:{server.Port}/v2/");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal(TransientRetry.MaxAttempts, hits());
        var retried = Assert.Single(ledger.Retried);
        Assert.False(retried.Recovered);
        Assert.Equal(TransientRetry.MaxAttempts, retried.Failures.Count);
        // The last answer is handed back readable, for the check to report.
        Assert.Contains("UNAVAILABLE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Send_PostFails_IsNotRepeated()
    {
        var (server, hits) = await FailingServerAsync(1);
        await using var _ = server;
        var ledger = new RequestLedger();
        using var client = Client(ledger);

        using var response = await client.PostAsync($"http://127.0.0.1:{server.Port}/v2/x/blobs/uploads/", new ByteArrayContent([]));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(1, hits());
        Assert.Empty(ledger.Retried);
    }

    [Fact]
    public async Task Send_DeleteMarkedIdempotent_IsRepeated()
    {
        var (server, hits) = await FailingServerAsync(1, 502);
        await using var _ = server;
        var ledger = new RequestLedger();
        using var client = Client(ledger);
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"http://127.0.0.1:{server.Port}/v2/x/manifests/sha256:{new string('a', 64)}");
        request.Options.Set(TransientRetry.Idempotent, true);

        using var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, hits());
        Assert.Equal($"DELETE 127.0.0.1/v2/x/manifests/sha256:{new string('a', 12)}…", Assert.Single(ledger.Retried).Operation);
    }

    [Fact]
    public async Task Send_NotFound_IsNotATransientFailure()
    {
        var (server, hits) = await FailingServerAsync(int.MaxValue, 404);
        await using var _ = server;
        var ledger = new RequestLedger();
        using var client = Client(ledger);

        using var response = await client.GetAsync($"http://127.0.0.1:{server.Port}/v2/");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(1, hits());
        Assert.Empty(ledger.Retried);
    }

    [Fact]
    public async Task Send_ConnectionCutOnce_RetriesAndNamesTheBrokenConnection()
    {
        var hits = 0;
        await using var server = await KestrelServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref hits) == 1)
            {
                context.Abort();
                return Task.CompletedTask;
            }
            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        });
        var ledger = new RequestLedger();
        using var client = Client(ledger);

        using var response = await client.GetAsync($"http://127.0.0.1:{server.Port}/v2/");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("connection broken", Assert.Single(Assert.Single(ledger.Retried).Failures));
    }
}
