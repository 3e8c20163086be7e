using RegDiag.Core.Decoding;
using RegDiag.Core.Http;

namespace RegDiag.Core.Correlation;

/// <summary>
/// Builds upload sessions. The upload id comes from the POST's Location (or Docker-Upload-UUID) and from
/// the path of every later PATCH/PUT/GET/DELETE, keyed by registry origin and repository.
/// </summary>
internal static class UploadLinker
{
    public static List<UploadSession> Link(IReadOnlyList<AnalyzedExchange> exchanges)
    {
        // Keyed by the parts themselves rather than a string made of them: one string less per upload request.
        var sessions = new Dictionary<(string? Origin, string Repository, string Id), UploadSession>();
        var ordered = new List<UploadSession>();
        foreach (var exchange in exchanges)
        {
            var c = exchange.Classification;
            if (c.Kind != HostKind.Registry || c.Registry?.Repository is not { } repository)
            {
                continue;
            }
            var origin = exchange.Url?.Origin;
            string? id = c.Operation switch
            {
                Operation.UploadStart or Operation.UploadMonolithic or Operation.UploadMount => c.Registry.UploadId
                    ?? (c.Operation is Operation.UploadMonolithic or Operation.UploadMount ? "single-request #" + exchange.Exchange.Id : null),
                Operation.UploadChunk or Operation.UploadComplete or Operation.UploadStatus or Operation.UploadCancel => c.Registry.UploadId,
                _ => null,
            };
            if (id == null)
            {
                continue;
            }
            var key = (origin, repository, id);
            if (!sessions.TryGetValue(key, out var session))
            {
                session = new UploadSession(id, repository);
                sessions[key] = session;
                ordered.Add(session);
            }
            session.Exchanges.Add(exchange.Index);
            exchange.UploadSession = id;
            if (c.Operation is Operation.UploadChunk or Operation.UploadComplete or Operation.UploadMonolithic)
            {
                session.BytesSent += exchange.Exchange.Request.Body.Size;
            }
            if (c.Registry.Digest is { } digest)
            {
                session.Digest = digest;
            }
            session.Outcome = c.Operation switch
            {
                Operation.UploadComplete or Operation.UploadMonolithic => exchange.Status == 201 ? UploadOutcome.Completed : UploadOutcome.Failed,
                Operation.UploadMount when exchange.Status == 201 => UploadOutcome.Completed,
                Operation.UploadCancel when exchange.Status is >= 200 and < 300 => UploadOutcome.Cancelled,
                _ when exchange.Failed && session.Outcome == UploadOutcome.Open && exchange.Status != 401 => UploadOutcome.Failed,
                _ => session.Outcome,
            };
        }
        foreach (var session in ordered)
        {
            foreach (var index in session.Exchanges)
            {
                exchanges[index].Digest ??= session.Digest;
            }
        }
        return ordered;
    }
}
