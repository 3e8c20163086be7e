using System.Collections.Concurrent;

namespace RegDiag.Doctor.Net;

/// <summary>
/// What the doctor's requests to the registry and its token service went through in one run: how many were
/// sent (every attempt counts) and which needed retries. Shared by the checks, read by the stability check.
/// </summary>
public sealed class RequestLedger
{
    private readonly ConcurrentQueue<RetriedOperation> _retried = new();
    private int _requests;

    /// <summary>Requests sent, every attempt included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public IReadOnlyList<RetriedOperation> Retried => [.. _retried];

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void Add(RetriedOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        _retried.Enqueue(operation);
    }
}
