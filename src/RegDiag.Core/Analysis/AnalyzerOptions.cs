using RegDiag.Core.Knowledge;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Analysis;

public sealed record AnalyzerOptions
{
    public static AnalyzerOptions Default { get; } = new();

    public KnowledgeBase KnowledgeBase { get; init; } = KnowledgeBase.Default;

    /// <summary>Redacts everything the analysis outputs (evidence, timeline labels).</summary>
    public Redactor Redactor { get; init; } = Redactor.Default;

    /// <summary>Told the number of exchanges read so far, every few thousand (for a progress line).</summary>
    public IProgress<long>? Progress { get; init; }
}
