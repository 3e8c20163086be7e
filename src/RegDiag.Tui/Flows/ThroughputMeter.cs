namespace RegDiag.Tui.Flows;

/// <summary>
/// Bytes per second over the last few seconds of capture, for the status bar. Measured against the
/// exchanges' own clock so a file being viewed shows the throughput it had when it was recorded.
/// </summary>
public sealed class ThroughputMeter
{
    private const int WindowSeconds = 5;
    private readonly Queue<(DateTimeOffset At, long Bytes)> _samples = new();

    public void Record(DateTimeOffset at, long bytes)
    {
        _samples.Enqueue((at, bytes));
        if (Newest == null || at > Newest)
        {
            Newest = at;
        }
        var horizon = Newest.Value - TimeSpan.FromSeconds(WindowSeconds);
        while (_samples.Count > 0 && _samples.Peek().At < horizon)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>When the newest sample was taken, or null before the first.</summary>
    public DateTimeOffset? Newest { get; private set; }

    /// <summary>Bytes per second over the window ending at <paramref name="now"/>.</summary>
    public double BytesPerSecond(DateTimeOffset now)
    {
        var horizon = now - TimeSpan.FromSeconds(WindowSeconds);
        long bytes = 0;
        foreach (var (at, size) in _samples)
        {
            if (at >= horizon && at <= now)
            {
                bytes += size;
            }
        }
        return bytes / (double)WindowSeconds;
    }
}
