using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Storage;

namespace RegDiag.Lab.Debug;

/// <summary>
/// The registry's health checks (distribution's health package): a storage check named
/// storagedriver_&lt;driver&gt; that Stats "/" (a missing root is healthy, as in distribution). While any check
/// fails, /debug/health answers 503 and the API answers every request 503 UNAVAILABLE.
/// </summary>
internal sealed class HealthChecker(IStorageDriver driver, ScenarioSet scenarios)
{
    public string StorageCheckName => "storagedriver_" + driver.Name;

    /// <summary>Failing checks by name with their error text; empty when healthy.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken)
    {
        var failures = new SortedDictionary<string, string>(StringComparer.Ordinal);
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
