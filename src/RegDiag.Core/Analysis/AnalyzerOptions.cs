using RegDiag.Core.Knowledge;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Analysis;

public sealed record AnalyzerOptions
{
    public static AnalyzerOptions Default { get; } = new();

    /// <summary>
    /// The signatures to diagnose with: the embedded ones unless set. Not loaded before it is first read, so
    /// that <see cref="Analyzer"/> loads them while the capture is read.
    /// </summary>
    public KnowledgeBase KnowledgeBase { get => field ?? KnowledgeBase.Default; init; }

    /// <summary>Redacts everything the analysis outputs (evidence, timeline labels).</summary>
    public Redactor Redactor { get; init; } = Redactor.Default;

    /// <summary>Told the number of exchanges read so far, every few thousand (for a progress line).</summary>
    public IProgress<long>? Progress { get; init; }
}
