using RegDiag.Lab.Errors;

namespace RegDiag.Lab.Scenarios;

/// <summary>The flaky scenario's dice: a seeded generator, so a run with the same seed fails the same requests.</summary>
internal sealed class FlakyFaults(int seed, double rate)
{
    private readonly Random _random = new(seed);
    private readonly object _lock = new();

    /// <summary>The error to answer this request with, or null to serve it.</summary>
    public RegistryError? Next()
    {
        lock (_lock)
        {
            if (_random.NextDouble() >= rate)
            {
                return null;
            }
            return _random.Next(2) == 0
                ? RegistryError.Of(ErrorCodes.Unknown, "flaky scenario: injected failure")
                : RegistryError.Of(ErrorCodes.Unavailable, "flaky scenario: injected failure");
        }
    }
}
