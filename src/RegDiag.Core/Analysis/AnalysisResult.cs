using RegDiag.Core.Correlation;
using RegDiag.Core.Knowledge;

namespace RegDiag.Core.Analysis;

/// <summary>Everything RegDiag understood of a capture; the shared model of analyze, the TUI, doctor and demo.</summary>
public sealed class AnalysisResult
{
    internal AnalysisResult(IReadOnlyList<AnalyzedExchange> exchanges, CorrelationResult correlation, IReadOnlyList<Diagnosis> diagnoses)
    {
        Exchanges = exchanges;
        Uploads = correlation.Uploads;
        Operations = correlation.Operations;
        Diagnoses = diagnoses;
    }

    /// <summary>Every exchange in start order; <see cref="AnalyzedExchange.Index"/> is the position here.</summary>
    public IReadOnlyList<AnalyzedExchange> Exchanges { get; }

    public IReadOnlyList<UploadSession> Uploads { get; }

    public IReadOnlyList<OperationGroup> Operations { get; }

    /// <summary>Most severe first.</summary>
    public IReadOnlyList<Diagnosis> Diagnoses { get; }

    /// <summary>True when any diagnosis is an error (analyze exits 1).</summary>
    public bool HasErrors => Diagnoses.Any(d => d.Severity == Severity.Error);
}
