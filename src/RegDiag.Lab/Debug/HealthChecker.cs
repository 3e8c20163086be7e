using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Storage;

namespace RegDiag.Lab.Debug;

/// <summary>
/// The registry's health checks (distribution's health package): a storage check named
/// storagedriver_&lt;driver&gt; that Stats "/" (a missing root is healthy, as in distribution), and the manual
/// check toggled by POST /debug/health/down and /up. While any check fails, /debug/health answers 503 and
/// the API answers every request 503 UNAVAILABLE.
/// </summary>
internal sealed class HealthChecker(IStorageDriver driver, ScenarioSet scenarios)
{
    /// <summary>distribution's default storage check interval.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly object _lock = new();

    // distribution's periodic check first runs one interval after start (a ticker), so a broken storage gives
    // 500 UNKNOWN until then; debug-unhealthy is meant to show the 503 state at once.
    private DateTimeOffset _checkedAt = scenarios.Has(LabScenarios.DebugUnhealthy) ? DateTimeOffset.MinValue : DateTimeOffset.UtcNow;
    private IReadOnlyDictionary<string, string> _last = new Dictionary<string, string>();
    private volatile bool _manualDown;

    public string StorageCheckName => "storagedriver_" + driver.Name;

    /// <summary>Sets the manual check (distribution's manual_http_status) down or up.</summary>
    public void SetManualDown(bool down)
    {
        _manualDown = down;
        lock (_lock)
        {
            _checkedAt = DateTimeOffset.MinValue;
        }
    }

    /// <summary>The last result, refreshed when older than the check interval (what the API consults per request).</summary>
    public async Task<IReadOnlyDictionary<string, string>> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (DateTimeOffset.UtcNow - _checkedAt < Interval)
            {
                return _last;
            }
        }
        var result = await CheckAsync(cancellationToken);
        lock (_lock)
        {
            _last = result;
            _checkedAt = DateTimeOffset.UtcNow;
        }
        return result;
    }

    /// <summary>Runs the checks now: failing checks by name with their error text; empty when healthy.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken)
    {
        var failures = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (_manualDown)
        {
            failures["manual_http_status"] = "Manual Check";
        }
        if (scenarios.Has(LabScenarios.DebugUnhealthy))
        {
            failures[StorageCheckName] = $"{driver.Name}: storage health check failed: stat /: permission denied";
            return failures;
        }
        try
        {
            await driver.StatAsync("/", cancellationToken);
        }
        catch (PathNotFoundException)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures[StorageCheckName] = e.Message;
        }
        return failures;
    }
}
