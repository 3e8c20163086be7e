using RegDiag.Core.Correlation;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Redaction;
using RegDiag.Core.Timeline;

namespace RegDiag.Core.Analysis;

/// <summary>Builds the --json document from an analysis (everything in it redacted).</summary>
public static class AnalysisDocumentBuilder
{
    public static AnalysisDocument Build(AnalysisResult analysis, IReadOnlyList<TimelineSection> timeline, Redactor redactor, string? file)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(redactor);
        var all = analysis.Exchanges;
        return new AnalysisDocument
        {
            File = file,
            Summary = new AnalysisSummary(
                all.Count,
                analysis.Operations.Count,
                analysis.Operations.Count(o => o.Outcome == OperationOutcome.Failed),
                analysis.Diagnoses.Count,
                analysis.Diagnoses.Count(d => d.Severity == Severity.Error),
                analysis.Diagnoses.Count(d => d.Severity == Severity.Warning),
                analysis.HasErrors),
            Diagnoses = analysis.Diagnoses,
            Operations = timeline,
            Uploads = analysis.Uploads.Select(u => new UploadRecord(u.Id, u.Repository, u.Digest, u.BytesSent, u.Outcome.ToString(),
                u.Exchanges.Select(i => all[i].Exchange.Id).ToList())).ToList(),
            Exchanges = new ExchangeRecords(all, redactor),
        };
    }
}
