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
        long? Id(int? index) => index is { } i ? all[i].Exchange.Id : null;
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
            Exchanges = all.Select(e =>
            {
                var c = e.Classification;
                // Most exchanges have no error code: skip the LINQ chain for them (100,000 rows in a large capture).
                var codes = c.Errors.Count == 0 && c.StorageError?.Code == null
                    ? []
                    : c.Errors.Select(x => x.Code).Concat(c.StorageError?.Code is { } s ? [s] : []).ToList();
                return new ExchangeRecord
                {
                    Id = e.Exchange.Id,
                    Start = e.Start,
                    DurationMs = Math.Round(e.Exchange.Timings.DurationMs, 3),
                    Method = e.Exchange.Request.Method,
                    Url = redactor.RedactUrl(e.Exchange.Request.Url),
                    Status = e.Status,
                    Error = e.Exchange.Error is { } error ? $"{error.Kind}: {redactor.RedactText(error.Message)}" : null,
                    Kind = c.Kind.ToString(),
                    Operation = c.Operation.ToString(),
                    Repository = c.Registry?.Repository ?? c.Storage?.Layout?.Repository,
                    Reference = c.Registry?.Reference,
                    Digest = e.Digest ?? c.Registry?.Digest ?? c.Storage?.Layout?.Digest,
                    StorageProvider = c.Storage?.Provider.ToString(),
                    Codes = codes.Count == 0 ? null : codes,
                    RequestBytes = e.Exchange.Request.Body.Size,
                    ResponseBytes = e.Exchange.Response?.Body.Size ?? 0,
                    RequestSha256 = e.Exchange.Request.Body.Size > 0 ? e.Exchange.Request.Body.Sha256 : null,
                    OperationGroup = e.OperationGroup,
                    UploadSession = e.UploadSession,
                    RedirectedFrom = Id(e.RedirectedFrom),
                    RetryOf = Id(e.RetryOf),
                    AuthRetryOf = Id(e.AuthRetryOf),
                    TokenFor = Id(e.TokenFor),
                    ServedRequest = Id(e.ServedRequest),
                    StorageCalls = e.StorageCalls.Count == 0 ? null : e.StorageCalls.Select(i => all[i].Exchange.Id).ToList(),
                };
            }).ToList(),
        };
    }
}
