using RegDiag.Core.Decoding;
using RegDiag.Core.Http;
using RegDiag.Core.Model;

namespace RegDiag.Core.Correlation;

/// <summary>
/// Groups registry requests into push/pull operations per registry and repository, then attaches what
/// belongs to them: token fetches (by the 401 they answer, or by scope), redirected storage requests and
/// the registry's own storage calls; finally decides each operation's outcome and where it stopped.
/// </summary>
internal static class OperationGrouper
{
    private static readonly TimeSpan IdleGap = TimeSpan.FromMinutes(5);

    public static List<OperationGroup> Group(IReadOnlyList<AnalyzedExchange> exchanges)
    {
        var groups = new List<OperationGroup>();
        // Keyed by (origin, repository) rather than a string made of both: one string less per registry request.
        var open = new Dictionary<(string Origin, string Repository), OperationGroup>();
        foreach (var exchange in exchanges)
        {
            var c = exchange.Classification;
            if (c.Kind != HostKind.Registry || c.Registry?.Repository is not { } repository)
            {
                continue;
            }
            var origin = exchange.Url!.Origin;
            var key = (origin, repository);
            if (open.TryGetValue(key, out var group) && StartsNew(group, exchange, exchanges))
            {
                open.Remove(key);
                group = null;
            }
            if (group == null)
            {
                group = new OperationGroup(groups.Count, origin, repository) { Start = exchange.Start };
                groups.Add(group);
                open[key] = group;
            }
            Add(group, exchange);
            if (c.Operation == Operation.ManifestPut && exchange.Status is >= 200 and < 300 &&
                !RegistryPaths.IsDigest(c.Registry.Reference ?? ""))
            {
                open.Remove(key); // a push closes with its tag's manifest PUT
            }
        }
        AttachRelated(exchanges, groups);
        foreach (var group in groups)
        {
            group.Exchanges.Sort();
            Finish(group, exchanges);
        }
        return groups;
    }

    private static bool StartsNew(OperationGroup group, AnalyzedExchange exchange, IReadOnlyList<AnalyzedExchange> all)
    {
        if (exchange.Start - group.End > IdleGap)
        {
            return true;
        }
        var operation = exchange.Classification.Operation;
        var isUpload = operation is Operation.UploadStart or Operation.UploadMonolithic or Operation.UploadMount or Operation.UploadChunk or Operation.UploadComplete;
        if (group.Kind == OperationKind.Pull && isUpload)
        {
            return true;
        }
        // A pull of another tag starts with a manifest request by tag once blobs have been fetched.
        return group.Kind == OperationKind.Pull && operation is Operation.ManifestGet or Operation.ManifestHead &&
            !RegistryPaths.IsDigest(exchange.Classification.Registry?.Reference ?? "") &&
            group.Exchanges.Any(i => all[i].Classification.Operation == Operation.BlobGet);
    }

    private static void Add(OperationGroup group, AnalyzedExchange exchange)
    {
        var c = exchange.Classification;
        group.Exchanges.Add(exchange.Index);
        exchange.OperationGroup = group.Id;
        group.End = exchange.End > group.End ? exchange.End : group.End;
        switch (c.Operation)
        {
            case Operation.UploadStart or Operation.UploadMonolithic or Operation.UploadMount or Operation.UploadChunk or Operation.UploadComplete:
                group.Kind = OperationKind.Push;
                break;
            case Operation.ManifestPut:
                group.Kind = OperationKind.Push;
                if (!RegistryPaths.IsDigest(c.Registry!.Reference ?? "") || group.Reference == null)
                {
                    group.Reference = c.Registry.Reference;
                }
                break;
            case Operation.BlobHead when group.Kind == OperationKind.Inspect:
                // Clients check blobs with HEAD only before uploading them: these are a push's first steps.
                group.Kind = OperationKind.Push;
                break;
            case Operation.BlobGet or Operation.ManifestGet when group.Kind is OperationKind.Inspect or OperationKind.Delete:
                group.Kind = OperationKind.Pull;
                break;
            case Operation.ManifestDelete or Operation.BlobDelete when group.Kind == OperationKind.Inspect:
                group.Kind = OperationKind.Delete;
                break;
        }
        if (c.Operation is Operation.ManifestHead or Operation.ManifestGet or Operation.ManifestPut or Operation.ManifestDelete)
        {
            group.Manifests.Add(exchange.Index);
            if (group.Reference == null || (RegistryPaths.IsDigest(group.Reference) && !RegistryPaths.IsDigest(c.Registry!.Reference ?? "")))
            {
                group.Reference = c.Registry!.Reference;
            }
        }
        var digest = c.Operation is Operation.BlobHead or Operation.BlobGet or Operation.BlobDelete or Operation.UploadMount
            ? c.Registry?.Digest
            : exchange.UploadSession != null ? exchange.Digest : null;
        if (digest != null)
        {
            exchange.Digest = digest;
            Layer(group, digest).Exchanges.Add(exchange.Index);
        }
    }

    private static LayerTimeline Layer(OperationGroup group, string digest)
    {
        foreach (var layer in group.Layers)
        {
            if (layer.Digest == digest)
            {
                return layer;
            }
        }
        var created = new LayerTimeline(digest);
        group.Layers.Add(created);
        return created;
    }

    private static void AttachRelated(IReadOnlyList<AnalyzedExchange> exchanges, List<OperationGroup> groups)
    {
        var byRepository = groups.GroupBy(g => g.Repository).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var exchange in exchanges)
        {
            if (exchange.OperationGroup != null)
            {
                continue;
            }
            int? owner = exchange.RedirectedFrom is { } from ? Resolve(exchanges, from)
                : exchange.ServedRequest is { } served ? exchanges[served].OperationGroup
                : exchange.TokenFor is { } challenged ? exchanges[challenged].OperationGroup
                : null;
            if (owner == null && exchange.Classification.Token is { } token)
            {
                owner = ByScope(token, exchange, byRepository);
            }
            if (owner is not { } id)
            {
                continue;
            }
            var group = groups[id];
            group.Exchanges.Add(exchange.Index);
            exchange.OperationGroup = id;
            var source = exchange.RedirectedFrom is { } r ? exchanges[r] : exchange.ServedRequest is { } s ? exchanges[s] : null;
            if (source?.Digest is { } digest && exchange.ServedRequest == null)
            {
                exchange.Digest = digest;
                Layer(group, digest).Exchanges.Add(exchange.Index);
            }
        }
        foreach (var group in groups)
        {
            foreach (var layer in group.Layers)
            {
                layer.Exchanges.Sort();
            }
        }
    }

    /// <summary>Follows a redirect chain back to the registry request that started it.</summary>
    private static int? Resolve(IReadOnlyList<AnalyzedExchange> exchanges, int index)
    {
        var current = exchanges[index];
        while (current.OperationGroup == null && current.RedirectedFrom is { } previous)
        {
            current = exchanges[previous];
        }
        return current.OperationGroup;
    }

    /// <summary>A token fetch not caused by a request of the group (docker fetches after the /v2/ ping) joins by its scope.</summary>
    private static int? ByScope(TokenExchange token, AnalyzedExchange fetch, Dictionary<string, List<OperationGroup>> byRepository)
    {
        foreach (var scope in token.Scopes)
        {
            if (TokenAccess.ParseScope(scope) is not { } access || !byRepository.TryGetValue(access.Name, out var candidates))
            {
                continue;
            }
            foreach (var group in candidates)
            {
                if (fetch.Start >= group.Start.AddSeconds(-60) && fetch.Start <= group.End.AddSeconds(5))
                {
                    return group.Id;
                }
            }
        }
        return null;
    }

    /// <summary>Loops rather than LINQ chains: this runs once per operation, thousands of times in a large capture.</summary>
    private static void Finish(OperationGroup group, IReadOnlyList<AnalyzedExchange> exchanges)
    {
        group.Start = exchanges[group.Exchanges[0]].Start;
        var end = exchanges[group.Exchanges[0]].End;
        foreach (var index in group.Exchanges)
        {
            end = exchanges[index].End > end ? exchanges[index].End : end;
        }
        group.End = end;
        var recovered = Recovered(group, exchanges);
        foreach (var index in group.Exchanges)
        {
            var exchange = exchanges[index];
            if (exchange.ServedRequest == null && Moves(exchange))
            {
                group.Bytes += Transferred(exchange);
            }
        }
        foreach (var layer in group.Layers)
        {
            long bytes = 0;
            foreach (var index in layer.Exchanges)
            {
                if (exchanges[index].ServedRequest == null && Moves(exchanges[index]))
                {
                    bytes = checked(bytes + Transferred(exchanges[index]));
                }
            }
            layer.Bytes = bytes;
            layer.Failed = layer.Exchanges.Count > 0 && exchanges[layer.Exchanges[^1]].Failed && !recovered.Contains(layer.Exchanges[^1])
                && !IsBenign(exchanges[layer.Exchanges[^1]], group.Kind);
        }
        var closing = -1;
        for (var k = group.Manifests.Count - 1; k >= 0; k--)
        {
            if (group.Kind != OperationKind.Push || exchanges[group.Manifests[k]].Classification.Operation == Operation.ManifestPut)
            {
                closing = group.Manifests[k];
                break;
            }
        }
        var lastFailure = -1;
        foreach (var i in group.Exchanges)
        {
            if (exchanges[i].Failed && !recovered.Contains(i) && !IsBenign(exchanges[i], group.Kind) && exchanges[i].ServedRequest == null)
            {
                lastFailure = i;
            }
        }
        if (lastFailure >= 0)
        {
            group.Outcome = OperationOutcome.Failed;
            group.StoppedAt = lastFailure;
        }
        else if (closing >= 0 && !exchanges[closing].Failed && (group.Kind != OperationKind.Pull || group.Layers.All(l => !l.Failed)))
        {
            group.Outcome = OperationOutcome.Succeeded;
        }
        else if (group.Kind == OperationKind.Inspect || group.Kind == OperationKind.Delete)
        {
            group.Outcome = OperationOutcome.Succeeded;
        }
    }

    /// <summary>Failed requests that a later retry (of the same request, or after a token fetch) made good.</summary>
    private static HashSet<int> Recovered(OperationGroup group, IReadOnlyList<AnalyzedExchange> exchanges) =>
        RetryChains.Recovered(group.Exchanges.Select(i => exchanges[i]), exchanges, e => !e.Failed);

    /// <summary>Failures that are part of normal operation (see registry-failures §0 "benign").</summary>
    internal static bool IsBenign(AnalyzedExchange exchange, OperationKind kind)
    {
        var c = exchange.Classification;
        return exchange.Status switch
        {
            // Existence checks: "not there yet" is the answer the push wants.
            404 => c.Operation == Operation.BlobHead || (c.Operation == Operation.ManifestHead && kind == OperationKind.Push),
            // The challenge to a request sent without credentials: the normal start of token auth.
            401 => exchange.Exchange.Request.Headers.Get("Authorization") == null && c.Challenge?.Error == null,
            _ => false,
        };
    }

    private static bool Moves(AnalyzedExchange exchange) => exchange.Classification.Operation is
        Operation.UploadChunk or Operation.UploadComplete or Operation.UploadMonolithic or Operation.BlobGet or
        Operation.GetObject or Operation.PutObject or Operation.UploadPart or Operation.ManifestGet or Operation.ManifestPut;

    internal static long Transferred(AnalyzedExchange exchange) =>
        exchange.Exchange.Request.Body.Size + (exchange.Exchange.Request.Method == "HEAD" ? 0 : exchange.Exchange.Response?.Body.Size ?? 0);
}
