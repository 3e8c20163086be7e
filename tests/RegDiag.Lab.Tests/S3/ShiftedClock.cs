namespace RegDiag.Lab.Tests.S3;

/// <summary>A clock running ahead of (or behind) the real one by a fixed offset.</summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
