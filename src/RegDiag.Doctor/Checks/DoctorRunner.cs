using System.Diagnostics;
using RegDiag.Core;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Checks;

/// <summary>
/// Runs the selected checks, each as soon as the checks it depends on are done, so independent checks
/// (TLS and S3 and the log scan) overlap. A check that throws or overruns its timeout is a failed check,
/// never a crashed run.
/// </summary>
public sealed class DoctorRunner
{
    private readonly IReadOnlyList<IDoctorCheck> _checks;

    public DoctorRunner(IReadOnlyList<IDoctorCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        _checks = checks;
    }

    /// <summary>Which checks run for these options: --only (plus what they depend on), minus --skip;
    /// checks that need HOST are left out when none was given.</summary>
    public IReadOnlyList<IDoctorCheck> Select(DoctorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var byId = _checks.ToDictionary(c => c.Id);
        foreach (var id in options.Only.Concat(options.Skip))
        {
            if (!byId.ContainsKey(id))
            {
                throw new InputException($"unknown check '{id}': the checks are {string.Join(", ", byId.Keys)}");
            }
        }
        var skip = options.Skip.ToHashSet();
        var selected = new HashSet<string>();
        void Add(string id)
        {
            if (!skip.Contains(id) && selected.Add(id))
            {
                foreach (var dependency in byId[id].DependsOn)
                {
                    Add(dependency);
                }
            }
        }
        foreach (var id in options.Only.Count > 0 ? options.Only : [.. byId.Keys])
        {
            Add(id);
        }
        if (options.Target == null)
        {
            var needHost = options.Only.Where(id => byId[id].NeedsHost).ToList();
            if (needHost.Count > 0)
            {
                throw new InputException($"the check {needHost[0]} needs HOST: regdiag doctor HOST[:PORT] --only {needHost[0]}");
            }
            selected.RemoveWhere(id => byId[id].NeedsHost);
        }
        return _checks.Where(c => selected.Contains(c.Id)).ToList();
    }

    public async Task<DoctorReport> RunAsync(DoctorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var selected = Select(context.Options);
        var byId = selected.ToDictionary(c => c.Id);
        var tasks = new Dictionary<string, Task<CheckResult>>();
        Task<CheckResult> Start(IDoctorCheck check)
        {
            if (!tasks.TryGetValue(check.Id, out var task))
            {
                var dependencies = check.DependsOn.Where(byId.ContainsKey).Select(id => (Task)Start(byId[id])).ToList();
                task = RunOneAsync(check, dependencies, context, cancellationToken);
                tasks[check.Id] = task;
            }
            return task;
        }
        foreach (var check in selected)
        {
            _ = Start(check);
        }
        var results = await Task.WhenAll(selected.Select(c => tasks[c.Id]));
        return new DoctorReport
        {
            Tool = "regdiag",
            Version = DoctorVersion.Value,
            Host = context.Options.Target?.Authority,
            Started = started,
            DurationMs = clock.Elapsed.TotalMilliseconds,
            Checks = results,
            Exchanges = context.Exchanges,
        };
    }

    private static async Task<CheckResult> RunOneAsync(
        IDoctorCheck check, IReadOnlyList<Task> dependencies, DoctorContext context, CancellationToken cancellationToken)
    {
        await Task.WhenAll(dependencies);
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        var timeout = check.Timeout * context.Options.TimeoutScale;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        CheckOutcome outcome;
        try
        {
            outcome = await check.RunAsync(context, cts.Token).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = CheckOutcome.Fail(
                $"did not finish within {timeout.TotalSeconds:0.#} s",
                "the peer is not answering; check the network path (firewall, proxy) to it");
        }
        catch (InputException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = CheckOutcome.Fail($"the check itself failed: {e.GetType().Name}: {e.Message}", null);
        }
        return new CheckResult
        {
            Id = check.Id,
            Title = check.Title,
            Status = outcome.Status,
            Finding = outcome.Finding,
            Fix = outcome.Fix,
            Evidence = outcome.Evidence ?? [],
            DurationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
        };
    }
}
