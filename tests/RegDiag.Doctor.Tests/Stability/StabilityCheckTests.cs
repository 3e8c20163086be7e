using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Stability;

namespace RegDiag.Doctor.Tests.Stability;

/// <summary>The stability verdict from a run's ledger (the lab's flaky scenario covers the whole path).</summary>
public sealed class StabilityCheckTests
{
    private static async Task<CheckOutcome> RunAsync(Action<RequestLedger> fill)
    {
        var context = new DoctorContext(new DoctorOptions());
        fill(context.Requests);
        return await new StabilityCheck().RunAsync(context, CancellationToken.None);
    }

    private static void Count(RequestLedger ledger, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            ledger.CountRequest();
        }
    }

    [Fact]
    public async Task Run_OneRecoveredFailure_WarnsAsABlip()
    {
        var outcome = await RunAsync(l =>
        {
            Count(l, 20);
            l.Add(new RetriedOperation("api", "GET r/v2/", ["502"], Recovered: true));
        });

        Assert.Equal(CheckStatus.Warn, outcome.Status);
        Assert.StartsWith("one of 20 requests failed (502 ×1)", outcome.Finding);
    }

    [Fact]
    public async Task Run_FailuresOnlyOnEveryAttempt_PassesLeavingThemToTheirChecks()
    {
        var outcome = await RunAsync(l =>
        {
            Count(l, 5);
            l.Add(new RetriedOperation("api", "GET r/v2/", ["503 UNAVAILABLE", "503 UNAVAILABLE", "503 UNAVAILABLE", "503 UNAVAILABLE", "503 UNAVAILABLE"], Recovered: false));
        });

        Assert.Equal(CheckStatus.Pass, outcome.Status);
        Assert.Contains("1 failed on every attempt", outcome.Finding);
        Assert.Contains(outcome.Evidence!, e => e.Contains("persistent, reported by api", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_NoRequests_Skips()
    {
        var outcome = await RunAsync(_ => { });

        Assert.Equal(CheckStatus.Skipped, outcome.Status);
    }
}
