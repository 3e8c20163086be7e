using System.Collections;
using RegDiag.Core.Correlation;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Analysis;

/// <summary>
/// The document's exchange records, made when read rather than all at once: the serializer streams them,
/// so a 100,000-exchange capture never holds 100,000 records (and their redacted URLs) at the same time.
/// </summary>
internal sealed class ExchangeRecords(IReadOnlyList<AnalyzedExchange> all, Redactor redactor) : IReadOnlyList<ExchangeRecord>
{
    public int Count => all.Count;

    public ExchangeRecord this[int index] => Create(all[index]);

    public IEnumerator<ExchangeRecord> GetEnumerator()
    {
        for (var i = 0; i < all.Count; i++)
        {
            yield return Create(all[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ExchangeRecord Create(AnalyzedExchange e)
    {
        var c = e.Classification;
        // Most exchanges have no error code: skip the LINQ chain for them.
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
    }

    private long? Id(int? index) => index is { } i ? all[i].Exchange.Id : null;
}
