namespace RegDiag.Core.Correlation;

/// <summary>
/// A push or pull of one repository: its registry requests, the token fetches and storage requests tied to
/// them, grouped per layer, closed by the manifest PUT (push) or the manifest GET (pull).
/// </summary>
public sealed class OperationGroup
{
    internal OperationGroup(int id, string registry, string repository) => (Id, Registry, Repository) = (id, registry, repository);

    public int Id { get; }

    /// <summary>The registry origin ("https://registry.example:5000").</summary>
    public string Registry { get; }

    public string Repository { get; }

    public OperationKind Kind { get; internal set; }

    /// <summary>The tag or digest pushed or pulled.</summary>
    public string? Reference { get; internal set; }

    /// <summary>Every exchange of the operation, in start order.</summary>
    public List<int> Exchanges { get; } = [];

    public List<LayerTimeline> Layers { get; } = [];

    /// <summary>The manifest requests (HEAD/GET/PUT/DELETE), in order.</summary>
    public List<int> Manifests { get; } = [];

    public OperationOutcome Outcome { get; internal set; } = OperationOutcome.Incomplete;

    /// <summary>The failed exchange where the operation stopped, if it failed.</summary>
    public int? StoppedAt { get; internal set; }

    public DateTimeOffset Start { get; internal set; }

    public DateTimeOffset End { get; internal set; }

    public long Bytes { get; internal set; }

    internal bool Closed { get; set; }
}
