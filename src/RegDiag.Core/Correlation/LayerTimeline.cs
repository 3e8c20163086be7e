namespace RegDiag.Core.Correlation;

/// <summary>Everything one blob went through within an operation: checks, upload or download, redirects.</summary>
public sealed class LayerTimeline
{
    internal LayerTimeline(string digest) => Digest = digest;

    public string Digest { get; }

    public List<int> Exchanges { get; } = [];

    /// <summary>Bytes moved for this blob (request bodies of uploads, response bodies of downloads).</summary>
    public long Bytes { get; internal set; }

    public bool Failed { get; internal set; }
}
