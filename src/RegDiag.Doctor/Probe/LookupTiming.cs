namespace RegDiag.Doctor.Probe;

/// <summary>What <see cref="RegistryPushClient.MeasureLookupAsync"/> timed, in milliseconds per answer.</summary>
/// <param name="BaseMs">GET /v2/: the round trip through the registry without storage.</param>
/// <param name="LookupMs">HEAD of an absent blob (404): the same plus one storage lookup.</param>
/// <param name="LookupStatus">The warm-up HEAD's status: 404 when lookups can be timed.</param>
/// <param name="LookupError">Why not, when the HEAD did not answer 404.</param>
public sealed record LookupTiming(IReadOnlyList<double> BaseMs, IReadOnlyList<double> LookupMs, int? LookupStatus, string? LookupError)
{
    /// <summary>The storage lookup's own time: fastest lookup minus fastest /v2/ (the fastest, because load only adds time).</summary>
    public double? StorageMs => BaseMs.Count > 0 && LookupMs.Count > 0 ? Math.Max(0, LookupMs.Min() - BaseMs.Min()) : null;
}
