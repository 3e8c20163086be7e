namespace RegDiag.Core.Knowledge;

/// <summary>What matching found out beyond yes/no: facts for the texts, notes and related exchanges for the evidence.</summary>
internal sealed class Findings
{
    public Dictionary<string, string> Facts { get; } = new(StringComparer.Ordinal);

    public List<string> Notes { get; } = [];

    public List<int> Related { get; } = [];

    public List<(string Name, string Value)> Headers { get; } = [];

    public void Clear()
    {
        Facts.Clear();
        Notes.Clear();
        Related.Clear();
        Headers.Clear();
    }

    private Findings? _discarded;

    /// <summary>
    /// An empty sink for negated predicates, whose findings must not leak into the diagnosis (one instance,
    /// cleared for each use: predicates are evaluated one at a time).
    /// </summary>
    public Findings Discarded()
    {
        _discarded ??= new Findings();
        _discarded.Clear();
        return _discarded;
    }
}
