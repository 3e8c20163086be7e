using System.Globalization;
using RegDiag.Core.Model;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Names;
using RegDiag.Doctor.Probe;

namespace RegDiag.Doctor.Latency;

/// <summary>
/// How long the registry waits for its storage. A blob lookup (HEAD of an absent blob: one storage call)
/// against /v2/ (no storage call) isolates one storage round trip from the network; the probe push's own
/// requests and its hops to the object store after the redirect show where a push spends its time.
/// </summary>
internal sealed class LatencyCheck : IDoctorCheck
{
    /// <summary>An object store in the registry's region answers in tens of milliseconds; from 200 ms a call,
    /// the store is in another region, throttled, or an overloaded disk or NFS share.</summary>
    public const double SlowStorageMs = 200;

    /// <summary>From 400 ms a call, pushes crawl: a blob commit makes about eight storage calls in a row in
    /// distribution and a manifest push checks every layer, so big pushes take minutes and run into proxy
    /// timeouts (nginx's proxy_read_timeout is 60 s).</summary>
    public const double FailingStorageMs = 400;

    /// <summary>No request of the probe (a few KiB each) should take this long on a healthy registry.</summary>
    public const double SlowRequestMs = 3000;

    /// <summary>The object store itself, reached after the redirect, should answer a small GET or HEAD well within this.</summary>
    public const double SlowHopMs = 1000;

    private const int Samples = 3;

    public string Id => CheckIds.Latency;
    public string Title => "Storage latency";
    public TimeSpan Timeout => TimeSpan.FromSeconds(30);

    /// <summary>After the probe push, to read its timings and not to compete with it.</summary>
    public IReadOnlyList<string> DependsOn => [CheckIds.Api, CheckIds.ProbePush];

    public bool NeedsHost => true;

    public async Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var repository = options.ProbePushRepository ?? (options.Image == null ? null : ImageNameValidator.Analyze(options.Image).Path);
        if (repository == null)
        {
            return CheckOutcome.Skip("give --probe-push REPO (or --image NAME) to time blob lookups in that repository");
        }
        var api = context.AnsweringApi;
        if (api == null)
        {
            return CheckOutcome.SkipApiDidNotAnswer();
        }
        using var client = context.NewPushClient(api.BaseUri, Id);
        var timing = await client.MeasureLookupAsync(repository, Samples, cancellationToken);
        var probe = context.Exchanges.Where(e => e.Source == "probe" && e.Response != null).ToList();
        var evidence = new List<string>();
        if (timing.BaseMs.Count > 0)
        {
            evidence.Add($"GET /v2/ (no storage call): fastest of {timing.BaseMs.Count} {Ms(timing.BaseMs.Min())}");
        }
        if (timing.LookupMs.Count > 0)
        {
            evidence.Add($"HEAD of an absent blob in {repository} (one storage lookup): fastest of {timing.LookupMs.Count} {Ms(timing.LookupMs.Min())}");
        }
        else
        {
            evidence.Add($"HEAD of an absent blob in {repository}: {timing.LookupStatus?.ToString(CultureInfo.InvariantCulture) ?? "no answer"}, not 404 ({timing.LookupError}): lookups not timed");
        }
        var storage = timing.StorageMs;
        if (storage != null)
        {
            evidence.Add($"storage round trip ≈ {Ms(storage.Value)} (slow from {Ms(SlowStorageMs)}, failing from {Ms(FailingStorageMs)})");
        }
        var hops = Hops(probe);
        // The probe's first request also paid for DNS, the TCP and TLS handshakes and the server's warm-up.
        var requests = probe.Where(e => !hops.Contains(e) && Uri.TryCreate(e.Request.Url, UriKind.Absolute, out var u)
            && u.Authority == api.BaseUri.Authority && u.AbsolutePath.StartsWith("/v2/", StringComparison.Ordinal)).Skip(1).ToList();
        var slowest = requests.OrderByDescending(e => e.Timings.DurationMs).Take(3).ToList();
        if (slowest.Count > 0)
        {
            evidence.Add("slowest probe-push requests: " + string.Join("; ", slowest.Select(Describe)));
        }
        if (hops.Count > 0)
        {
            evidence.Add("object store after the redirect: " + string.Join("; ", hops.Select(Describe)));
        }
        if (storage == null && slowest.Count == 0)
        {
            return CheckOutcome.Skip($"nothing to time: the blob lookup answered {timing.LookupStatus?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} and no probe push ran");
        }

        var slowRequest = slowest.FirstOrDefault(e => e.Timings.DurationMs >= SlowRequestMs);
        var slowHop = hops.FirstOrDefault(e => e.Timings.DurationMs >= SlowHopMs);
        const string fix = "find where storage time goes: registry_storage_action_seconds on the debug server's /metrics (doctor --debug-addr), the object store's region (a bucket in another region than the registry adds 50-150 ms a call), throttling (S3 503 SlowDown in the registry log), an overloaded disk or NFS share for filesystem storage; until it is fixed, raise the read timeouts of the proxies in front (nginx proxy_read_timeout)";
        if (storage >= FailingStorageMs)
        {
            return CheckOutcome.Fail(
                $"storage is slow: each storage call takes about {Ms(storage.Value)} (a blob lookup vs /v2/){SlowestClause(slowest)}: a push makes dozens of such calls in a row (a blob commit about eight), so pushes and pulls crawl and long ones hit proxy timeouts",
                fix, evidence);
        }
        if (storage >= SlowStorageMs)
        {
            return CheckOutcome.Warn(
                $"storage is slowish: each storage call takes about {Ms(storage.Value)} (a blob lookup vs /v2/){SlowestClause(slowest)}: big pushes take long",
                fix, evidence);
        }
        if (slowRequest != null)
        {
            return CheckOutcome.Warn(
                $"storage lookups are quick ({Ms(storage ?? 0)}), but the probe's {Describe(slowRequest)} was slow: writes (uploads, commits, tags) take long in storage",
                fix, evidence);
        }
        if (slowHop != null)
        {
            return CheckOutcome.Warn(
                $"the object store answers this client slowly after the redirect: {Describe(slowHop)}",
                "check the network path from clients to the object store (its region, a proxy in between); the registry's own storage calls are not the problem", evidence);
        }
        return CheckOutcome.Pass(
            storage == null
                ? $"the probe push's requests are quick (slowest {Describe(slowest[0])})"
                : $"storage calls are quick (about {Ms(storage.Value)} each){(slowest.Count > 0 ? $"; slowest probe-push request {Ms(slowest[0].Timings.DurationMs)}" : "")}",
            evidence);
    }

    /// <summary>The probe's requests that followed a redirect away from the registry (presigned object-store URLs).</summary>
    private static HashSet<Exchange> Hops(IReadOnlyList<Exchange> probe)
    {
        var targets = probe
            .Where(e => e.Response!.Status is 301 or 302 or 303 or 307 or 308)
            .Select(e => e.Response!.Headers.FirstOrDefault(h => h.Name.Equals("Location", StringComparison.OrdinalIgnoreCase))?.Value)
            .OfType<string>()
            .ToHashSet();
        return probe.Where(e => targets.Contains(e.Request.Url)).ToHashSet();
    }

    private static string SlowestClause(IReadOnlyList<Exchange> slowest) =>
        slowest.Count == 0 ? "" : $"; the slowest probe-push request, {Describe(slowest[0])}";

    private static string Describe(Exchange exchange)
    {
        var path = Uri.TryCreate(exchange.Request.Url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : exchange.Request.Url;
        if (path.Length > 60)
        {
            path = path[..28] + "…" + path[^28..];
        }
        return $"{exchange.Request.Method} {path} {Ms(exchange.Timings.DurationMs)}";
    }

    private static string Ms(double ms) => ms switch
    {
        >= 1000 => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.0#} s"),
        < 1 => "under 1 ms",
        _ => string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms"),
    };
}
