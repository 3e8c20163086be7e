using RegDiag.Core.Decoding;

namespace RegDiag.Core.Correlation;

/// <summary>
/// Links a failed blob upload to the later upload of the same layer that completed. Clients (docker,
/// containerd, skopeo, doctor's probe) restart a failed upload from scratch: a new POST, then PATCH and PUT
/// under a new upload id, so no URL repeats and <see cref="RetryLinker"/> cannot see the retry.
/// </summary>
/// <remarks>
/// A failed session (<see cref="UploadOutcome.Failed"/>) is restarted by a later session of the same registry,
/// repository and client that started after the failure, within <see cref="RetryLinker.Window"/>, and completed
/// (PUT or monolithic POST answered 201), when both provably carry the same layer:
/// <list type="bullet">
/// <item>the failed session's digest (its PUT ?digest=) or, failing that, the sha256 of its single body (the
/// proxy and the HAR reader record body hashes) equals the completed session's digest;</item>
/// <item>without any body hash (a HAR from a browser), the byte counts are equal, only one completed session
/// of that size qualifies and no other upload of that size overlapped the failed one.</item>
/// </list>
/// The link is a retry link: the next attempt's first step of the kind that failed (its PATCH for a failed
/// PATCH, its PUT for a failed PUT, else its POST) gets <see cref="AnalyzedExchange.RetryOf"/> the failed step.
/// Several failed attempts of one layer chain, latest first, so <see cref="RetryChains"/> reaches all of them
/// from an answer. A step that already has a retry link keeps it (a later attempt's step carries the link
/// then, or none). Clients abandon a session at its first failure, so the failed step is the session's last
/// failed request.
/// </remarks>
internal static class UploadRestartLinker
{
    public static void Link(IReadOnlyList<AnalyzedExchange> exchanges, IReadOnlyList<UploadSession> sessions)
    {
        List<UploadSession>? completed = null;
        var anyFailed = false;
        foreach (var session in sessions)
        {
            anyFailed |= session.Outcome == UploadOutcome.Failed;
            if (session.Outcome == UploadOutcome.Completed && session.Digest != null && CompletedByUpload(exchanges, session))
            {
                (completed ??= []).Add(session);
            }
        }
        if (!anyFailed || completed == null)
        {
            return;
        }
        // Most failed uploads name their layer: look its completions up rather than scan them all.
        var byDigest = new Dictionary<string, List<UploadSession>>(StringComparer.OrdinalIgnoreCase);
        foreach (var session in completed)
        {
            if (!byDigest.TryGetValue(session.Digest!, out var list))
            {
                byDigest[session.Digest!] = list = [];
            }
            list.Add(session);
        }
        // Each completed session and the failed attempts it made good, in start order.
        var restarts = new Dictionary<UploadSession, List<UploadSession>>();
        foreach (var session in sessions)
        {
            if (session.Outcome == UploadOutcome.Failed && FailedStep(exchanges, session) is { } failedStep
                && RestartedBy(exchanges, sessions, completed, byDigest, session, exchanges[failedStep]) is { } by)
            {
                if (!restarts.TryGetValue(by, out var attempts))
                {
                    restarts[by] = attempts = [];
                }
                attempts.Add(session);
            }
        }
        foreach (var (by, attempts) in restarts)
        {
            // Latest attempt first, so that a failed step already linked can carry the link to an earlier one.
            attempts.Add(by);
            var linked = new HashSet<int>();
            for (var k = attempts.Count - 2; k >= 0; k--)
            {
                var failedStep = FailedStep(exchanges, attempts[k])!.Value;
                if (RetryingStep(exchanges, attempts, k + 1, exchanges[failedStep], linked) is { } source)
                {
                    exchanges[source].RetryOf = failedStep;
                    linked.Add(failedStep);
                }
            }
        }
    }

    /// <summary>Completed by sending the blob (PUT or monolithic POST), not by a cross-repository mount.</summary>
    private static bool CompletedByUpload(IReadOnlyList<AnalyzedExchange> exchanges, UploadSession session)
    {
        var last = exchanges[session.Exchanges[^1]];
        return last.Status == 201 && last.Classification.Operation is Operation.UploadComplete or Operation.UploadMonolithic;
    }

    /// <summary>The session's last failed request (a 401 is the start of token auth, not a failure).</summary>
    private static int? FailedStep(IReadOnlyList<AnalyzedExchange> exchanges, UploadSession session)
    {
        for (var k = session.Exchanges.Count - 1; k >= 0; k--)
        {
            var exchange = exchanges[session.Exchanges[k]];
            if (exchange.Failed && exchange.Status != 401)
            {
                return exchange.Index;
            }
        }
        return null;
    }

    private static UploadSession? RestartedBy(
        IReadOnlyList<AnalyzedExchange> exchanges, IReadOnlyList<UploadSession> sessions, List<UploadSession> completed,
        Dictionary<string, List<UploadSession>> byDigest, UploadSession failed, AnalyzedExchange failedStep)
    {
        var digest = failed.Digest ?? SingleBodyDigest(exchanges, failed);
        if (digest != null)
        {
            if (byDigest.TryGetValue(digest, out var sameLayer))
            {
                foreach (var candidate in sameLayer)
                {
                    if (Restarts(exchanges, candidate, failed, failedStep))
                    {
                        return candidate;
                    }
                }
            }
            return null;
        }
        if (failed.BytesSent <= 0 || HasBodyHash(exchanges, failed))
        {
            return null; // Hashed in several pieces: the layer is unknown, and sizes would be a guess.
        }
        UploadSession? bySize = null;
        var sizeMatches = 0;
        foreach (var candidate in completed)
        {
            if (candidate.BytesSent == failed.BytesSent && Restarts(exchanges, candidate, failed, failedStep))
            {
                bySize ??= candidate;
                sizeMatches++;
            }
        }
        return sizeMatches == 1 && !OtherUploadOfTheSameSize(exchanges, sessions, failed, bySize!) ? bySize : null;
    }

    /// <summary>Whether <paramref name="later"/> could be the failed upload started again: same registry, repository and client, after the failure, within the window.</summary>
    private static bool Restarts(IReadOnlyList<AnalyzedExchange> exchanges, UploadSession later, UploadSession failed, AnalyzedExchange failedStep)
    {
        var start = exchanges[later.Exchanges[0]];
        var first = exchanges[failed.Exchanges[0]];
        return start.Start >= failedStep.Start && start.Start - failedStep.Start <= RetryLinker.Window
            && later.Repository == failed.Repository && start.Url?.Origin == first.Url?.Origin && start.SameClient(first);
    }

    /// <summary>The sha256 of the session's body when one request carried all of it (a single PATCH, or a PUT with the body).</summary>
    private static string? SingleBodyDigest(IReadOnlyList<AnalyzedExchange> exchanges, UploadSession session)
    {
        string? digest = null;
        var bodies = 0;
        foreach (var index in session.Exchanges)
        {
            var body = exchanges[index].Exchange.Request.Body;
            if (CarriesBlob(exchanges[index]) && body.Size > 0)
            {
                bodies++;
                digest = body.Sha256;
            }
        }
        return bodies == 1 && digest != null && digest.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? digest : null;
    }

    private static bool HasBodyHash(IReadOnlyList<AnalyzedExchange> exchanges, UploadSession session)
    {
        foreach (var index in session.Exchanges)
        {
            if (CarriesBlob(exchanges[index]) && exchanges[index].Exchange.Request.Body is { Size: > 0, Sha256: not null })
            {
                return true;
            }
        }
        return false;
    }

    private static bool CarriesBlob(AnalyzedExchange exchange) =>
        exchange.Classification.Operation is Operation.UploadChunk or Operation.UploadComplete or Operation.UploadMonolithic;

    /// <summary>Another upload of the same size to the repository while the failed one ran: the sizes prove nothing then.</summary>
    private static bool OtherUploadOfTheSameSize(
        IReadOnlyList<AnalyzedExchange> exchanges, IReadOnlyList<UploadSession> sessions, UploadSession failed, UploadSession restart)
    {
        var start = exchanges[failed.Exchanges[0]].Start;
        var end = exchanges[failed.Exchanges[^1]].End;
        foreach (var other in sessions)
        {
            if (other != failed && other != restart && other.BytesSent == failed.BytesSent && other.Repository == failed.Repository
                && exchanges[other.Exchanges[0]].Start <= end && exchanges[other.Exchanges[^1]].End >= start)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The request of a later attempt that re-did <paramref name="failedStep"/>: in the nearest later attempt, its
    /// first request of the failed step's kind (it re-sent what failed), else its POST. It must have no retry link
    /// yet, and be answered or itself linked on to the completed upload, so the chain from the answer reaches it.
    /// </summary>
    private static int? RetryingStep(
        IReadOnlyList<AnalyzedExchange> exchanges, List<UploadSession> attempts, int from, AnalyzedExchange failedStep, HashSet<int> linked)
    {
        for (var k = from; k < attempts.Count; k++)
        {
            var later = attempts[k];
            foreach (var index in later.Exchanges)
            {
                if (exchanges[index].Classification.Operation == failedStep.Classification.Operation)
                {
                    if (CanCarry(exchanges[index], failedStep, linked))
                    {
                        return index;
                    }
                    break;
                }
            }
            if (CanCarry(exchanges[later.Exchanges[0]], failedStep, linked))
            {
                return later.Exchanges[0];
            }
        }
        return null;
    }

    private static bool CanCarry(AnalyzedExchange candidate, AnalyzedExchange failedStep, HashSet<int> linked) =>
        candidate.RetryOf == null && candidate.AuthRetryOf == null && candidate.Start >= failedStep.Start
        && (!candidate.Failed || linked.Contains(candidate.Index));
}
