using RegDiag.Core.Decoding;

namespace RegDiag.Core.Correlation;

/// <summary>
/// "Both sides": when the registry's own storage calls pass through the proxy too (the registry started with
/// HTTPS_PROXY pointing at RegDiag), each of them is linked to the client request the registry was serving
/// at that moment: it started while that request was open, and distribution's key layout names the same
/// repository, upload or digest. A client's bare "500 UNKNOWN" is then explained by the S3 call behind it.
/// </summary>
/// <remarks>
/// <code>
///  client ──PUT /v2/app/blobs/uploads/u1?digest=d──────────────────────────────► 500 UNKNOWN
///                 registry ──PUT s3://bkt/…/repositories/app/_uploads/u1/data──► 403 InvalidAccessKeyId
///                 |&lt;──────────── inside the client request's time span ────────────&gt;|
/// </code>
/// </remarks>
internal static class StorageSideLinker
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(50);

    public static void Link(IReadOnlyList<AnalyzedExchange> exchanges)
    {
        var active = new List<AnalyzedExchange>();
        var registry = exchanges.Where(e => e.Classification.Kind == HostKind.Registry).ToList();
        var next = 0;
        foreach (var call in exchanges)
        {
            var storage = call.Classification.Storage;
            if (call.Classification.Kind != HostKind.Storage || storage == null || call.RedirectedFrom != null ||
                storage.Auth == StorageAuth.PresignedQuery)
            {
                continue;
            }
            while (next < registry.Count && registry[next].Start <= call.Start + Tolerance)
            {
                active.Add(registry[next++]);
            }
            active.RemoveAll(r => r.End + Tolerance < call.Start);
            var best = Best(call, storage.Layout, active);
            if (best != null)
            {
                call.ServedRequest = best.Index;
                best.AddStorageCall(call.Index);
            }
        }
    }

    private static AnalyzedExchange? Best(AnalyzedExchange call, DistributionKey? layout, List<AnalyzedExchange> candidates)
    {
        AnalyzedExchange? best = null;
        var bestScore = -1;
        var eligible = 0;
        foreach (var candidate in candidates)
        {
            if (candidate.Index == call.Index || candidate.Start > call.Start + Tolerance)
            {
                continue;
            }
            var target = candidate.Classification.Registry;
            if (candidate.Classification.Operation == Operation.Ping)
            {
                continue; // the base endpoint never touches storage
            }
            if (layout?.Repository != null && target?.Repository != layout.Repository)
            {
                continue; // about another repository (or none): some other request's call
            }
            eligible++;
            var score = 0;
            if (layout?.Repository != null && layout.Repository == target?.Repository)
            {
                score += 4;
            }
            var digest = target?.Digest ?? candidate.Digest;
            if (layout?.Digest != null && layout.Digest == digest)
            {
                score += 4;
            }
            if (layout?.UploadId != null && layout.UploadId == target?.UploadId)
            {
                score += 8;
            }
            // Among equals, one open when the call started beats one that ended just before or began just after
            // it (the tolerance only absorbs timestamp jitter), then the innermost (shortest) request is served.
            var open = candidate.Start <= call.Start && candidate.End >= call.Start;
            var bestOpen = best != null && best.Start <= call.Start && best.End >= call.Start;
            if (score > bestScore || (score == bestScore && best != null &&
                (open && !bestOpen || (open == bestOpen && candidate.Exchange.Timings.DurationMs < best.Exchange.Timings.DurationMs))))
            {
                best = candidate;
                bestScore = score;
            }
        }
        // A call that names nothing (health check, garbage collection) is only tied when unambiguous.
        var specific = layout?.Repository != null || layout?.Digest != null || layout?.UploadId != null;
        return specific || eligible == 1 ? best : null;
    }
}
