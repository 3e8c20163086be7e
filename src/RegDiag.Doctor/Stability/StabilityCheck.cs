using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Stability;

/// <summary>
/// Intermittent failures: requests of the other checks that failed with 5xx or a broken connection and
/// worked when sent again (<see cref="TransientRetry"/>). A healthy registry answers every request of a
/// doctor run; one such failure may be a blip (a replica restarting), two or more are a pattern. Requests
/// that failed on every attempt are persistent failures, which the check that sent them reports.
/// </summary>
internal sealed class StabilityCheck : IDoctorCheck
{
    /// <summary>Transient failures in one run that make a pattern rather than chance.</summary>
    private const int FlakyFailures = 2;

    public string Id => CheckIds.Stability;
    public string Title => "Intermittent failures";
    public TimeSpan Timeout => TimeSpan.FromSeconds(2);
    public IReadOnlyList<string> DependsOn => [CheckIds.Api, CheckIds.Auth, CheckIds.ProbePush, CheckIds.BodySize, CheckIds.Latency];
    public bool NeedsHost => true;

    public Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var ledger = context.Requests;
        if (ledger.Requests == 0)
        {
            return Task.FromResult(CheckOutcome.Skip("no request reached the registry (see api)"));
        }
        var retried = ledger.Retried;
        var recovered = retried.Where(r => r.Recovered).ToList();
        var persistent = retried.Where(r => !r.Recovered).ToList();
        var failures = recovered.SelectMany(r => r.Failures).ToList();
        var evidence = new List<string> { $"{ledger.Requests} requests to the registry and its token service, retries included" };
        evidence.AddRange(recovered.Select(r =>
            $"{r.Operation} ({r.Source}): {string.Join(", ", r.Failures)}, then answered on attempt {r.Failures.Count + 1}"));
        evidence.AddRange(persistent.Select(r =>
            $"{r.Operation} ({r.Source}): failed on all {r.Failures.Count} attempts ({string.Join(", ", r.Failures.Distinct())}): persistent, reported by {r.Source}"));
        var kinds = string.Join(", ", failures.GroupBy(f => f).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"));
        if (failures.Count >= FlakyFailures)
        {
            return Task.FromResult(CheckOutcome.Fail(
                $"{failures.Count} of {ledger.Requests} requests failed ({kinds}) and worked when sent again: the registry fails intermittently, so pushes and pulls fail at random points (\"received unexpected HTTP status: 500 Internal Server Error\", \"503 (Service Unavailable)\")",
                "look for the one bad part among several: a registry replica behind the load balancer that fails (its storage credentials, its http.secret, its health), the load balancer's own 502/504 (backend timeouts, keep-alive mismatch), or storage errors in the registry log (doctor --log: err.code=unknown or unavailable, with err.detail); clients retry layer uploads but not every request",
                evidence));
        }
        if (failures.Count == 1)
        {
            return Task.FromResult(CheckOutcome.Warn(
                $"one of {ledger.Requests} requests failed ({kinds}) and worked when sent again: a blip (a replica restarting) or the start of a pattern",
                "run the doctor again; if it recurs, check the registry's replicas and the load balancer in front of them", evidence));
        }
        var finding = $"all {ledger.Requests} requests were answered without intermittent failures";
        if (persistent.Count > 0)
        {
            finding += $"; {persistent.Count} failed on every attempt (reported by their checks)";
        }
        return Task.FromResult(CheckOutcome.Pass(finding, evidence));
    }
}
