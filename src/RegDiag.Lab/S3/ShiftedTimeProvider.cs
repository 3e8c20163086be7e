namespace RegDiag.Lab.S3;

/// <summary>A clock running ahead of (or behind) the real one by a fixed offset: the clock-skew scenario's S3 clock.</summary>
internal sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
