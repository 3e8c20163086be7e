namespace RegDiag.Core.Model;

/// <summary>
/// When the exchange started, and the milliseconds from that start to each later point.
/// A point that was never reached (the upstream never answered) is null.
/// </summary>
public sealed record ExchangeTimings
{
    public required DateTimeOffset Started { get; init; }

    /// <summary>The request, body included, was handed to the upstream.</summary>
    public double? RequestSentMs { get; init; }

    /// <summary>The response head arrived.</summary>
    public double? FirstResponseByteMs { get; init; }

    /// <summary>The exchange ended (last response byte sent, or the failure).</summary>
    public double? EndMs { get; init; }

    public double DurationMs => EndMs ?? FirstResponseByteMs ?? RequestSentMs ?? 0;
}
