using System.Text.RegularExpressions;
using RegDiag.Core.Analysis;
using RegDiag.Core.Correlation;
using RegDiag.Core.Decoding;
using RegDiag.Core.Http;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Timeline;

/// <summary>
/// Builds the timeline model from an analysis: a section per operation with lanes for auth, each layer and
/// the manifests, and a last section for traffic that belongs to no operation. Text and TUI views share it.
/// </summary>
public static partial class TimelineBuilder
{
    public static IReadOnlyList<TimelineSection> Build(AnalysisResult analysis, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(redactor);
        var diagnosed = new Dictionary<long, string>();
        foreach (var diagnosis in analysis.Diagnoses)
        {
            foreach (var evidence in diagnosis.Evidence)
            {
                diagnosed.TryAdd(evidence.Exchange, diagnosis.Id);
            }
        }
        // Sections only read the analysis: built on every core, kept in operation order.
        var sections = new TimelineSection[analysis.Operations.Count];
        Parallel.For(0, sections.Length, i => sections[i] = Section(analysis.Operations[i], analysis, redactor, diagnosed));
        if (analysis.Exchanges.All(e => e.OperationGroup != null))
        {
            return sections;
        }
        var rest = analysis.Exchanges.Where(e => e.OperationGroup == null).ToList();
        var start = rest[0].Start;
        return
        [
            .. sections,
            new TimelineSection
            {
                Title = "other traffic",
                Start = start,
                DurationMs = (rest.Max(e => e.End) - start).TotalMilliseconds,
                Lanes =
                [
                    new TimelineLane
                    {
                        Kind = "other",
                        Title = "not part of a push or pull",
                        Rows = rest.Select(e => Row(e, start, null, analysis, redactor, diagnosed)).ToList(),
                        Failed = rest.Any(e => e.Failed && !IsBenign(e, null)),
                    },
                ],
            },
        ];
    }

    private static TimelineSection Section(OperationGroup group, AnalysisResult analysis, Redactor redactor, Dictionary<long, string> diagnosed)
    {
        var all = analysis.Exchanges;
        var placed = new HashSet<int>();
        var members = group.Exchanges.ToHashSet();
        var lanes = new List<TimelineLane>();
        TimelineLane Lane(string kind, string title, IEnumerable<int> indices, string? digest = null, long bytes = 0, bool? failed = null)
        {
            var ordered = new List<int>();
            foreach (var i in indices)
            {
                if (placed.Add(i))
                {
                    ordered.Add(i);
                }
            }
            // The registry's own storage calls go right after the request they served.
            var withCalls = new List<int>(ordered.Count);
            foreach (var i in ordered)
            {
                withCalls.Add(i);
                foreach (var call in all[i].StorageCalls)
                {
                    if (members.Contains(call) && placed.Add(call))
                    {
                        withCalls.Add(call);
                    }
                }
            }
            return new TimelineLane
            {
                Kind = kind,
                Title = title,
                Digest = digest,
                Bytes = bytes,
                Failed = failed ?? withCalls.Any(i => all[i].Failed && !IsBenign(all[i], group.Kind)),
                Rows = withCalls.Select(i => Row(all[i], group.Start, group, analysis, redactor, diagnosed)).ToList(),
            };
        }
        var auth = group.Exchanges.Where(i => all[i].Classification.Kind == HostKind.Token).ToList();
        if (auth.Count > 0)
        {
            lanes.Add(Lane("auth", "auth", auth));
        }
        foreach (var layer in group.Layers)
        {
            lanes.Add(Lane("layer", "layer " + ShortDigest(layer.Digest), layer.Exchanges, layer.Digest, layer.Bytes, layer.Failed));
        }
        if (group.Manifests.Count > 0)
        {
            lanes.Add(Lane("manifests", "manifests", group.Manifests));
        }
        var rest = group.Exchanges.Where(i => !placed.Contains(i) && all[i].ServedRequest == null).ToList();
        if (rest.Count > 0)
        {
            lanes.Add(Lane("other", "other", rest));
        }
        var orphans = group.Exchanges.Where(i => !placed.Contains(i)).ToList();
        if (orphans.Count > 0)
        {
            lanes.Add(Lane("other", "registry storage calls", orphans));
        }
        var duration = (group.End - group.Start).TotalMilliseconds;
        return new TimelineSection
        {
            Title = $"{Verb(group.Kind)} {group.Repository}{(group.Reference is { } r ? (RegistryPaths.IsDigest(r) ? "@" + ShortDigest(r) : ":" + r) : "")}",
            Operation = group.Id,
            Kind = group.Kind,
            Registry = group.Registry,
            Repository = group.Repository,
            Reference = group.Reference,
            Outcome = group.Outcome,
            Start = group.Start,
            DurationMs = duration,
            Bytes = group.Bytes,
            Throughput = duration > 0 && group.Bytes > 0 ? group.Bytes / (duration / 1000) : null,
            StoppedAt = group.StoppedAt is { } s ? all[s].Exchange.Id : null,
            Lanes = lanes,
        };
    }

    private static TimelineRow Row(AnalyzedExchange e, DateTimeOffset start, OperationGroup? group, AnalysisResult analysis,
        Redactor redactor, Dictionary<long, string> diagnosed)
    {
        var c = e.Classification;
        var bytes = OperationGrouper.Transferred(e);
        var marks = RowMarks.None;
        marks |= e.RetryOf != null ? RowMarks.Retry : 0;
        marks |= e.AuthRetryOf != null ? RowMarks.AuthRetry : 0;
        marks |= e.RedirectedFrom != null ? RowMarks.Redirected : 0;
        marks |= e.ServedRequest != null ? RowMarks.RegistrySide : 0;
        marks |= e.Failed && IsBenign(e, group?.Kind) ? RowMarks.Benign : 0;
        var duration = e.Exchange.Timings.DurationMs;
        var codes = c.Errors.Count == 0 && c.StorageError?.Code == null && e.Exchange.Error == null
            ? ""
            : string.Join(' ', c.Errors.Select(x => x.Code).Concat(c.StorageError?.Code is { } s ? [s] : [])
                .Concat(e.Exchange.Error is { } err ? [err.Kind.ToString()] : []));
        return new TimelineRow
        {
            Exchange = e.Exchange.Id,
            OffsetMs = (e.Start - start).TotalMilliseconds,
            DurationMs = duration,
            Method = e.Exchange.Request.Method,
            Target = Target(e, redactor),
            Kind = c.Kind,
            Operation = c.Operation,
            Status = e.Status,
            Codes = codes.Length == 0 ? null : codes,
            Bytes = bytes,
            Throughput = bytes > 4096 && duration > 0 ? bytes / (duration / 1000) : null,
            Marks = marks,
            Failed = e.Failed && (marks & RowMarks.Benign) == 0,
            Diagnosis = diagnosed.GetValueOrDefault(e.Exchange.Id),
            Note = Note(e, analysis),
        };
    }

    private static string? Note(AnalyzedExchange e, AnalysisResult analysis)
    {
        var all = analysis.Exchanges;
        var c = e.Classification;
        if (c.Token is { } token)
        {
            var granted = token.Issued is { } jwt
                ? $"granted {(jwt.Access.Count == 0 ? "nothing" : string.Join(' ', jwt.Access))}{(jwt.Expires is { } x ? $", expires {x.UtcDateTime:HH:mm:ss}Z" : "")}"
                : null;
            return string.Join("; ", new[] { token.Account is { } a ? "for " + a : null, token.Scopes.Count > 0 ? "asked " + string.Join(' ', token.Scopes) : null, granted }
                .Where(p => p != null));
        }
        if (e.ServedRequest is { } served)
        {
            return $"the registry's call while serving #{all[served].Exchange.Id}";
        }
        if (e.AuthRetryOf is { } challenged)
        {
            return $"retry of #{all[challenged].Exchange.Id} with a token";
        }
        if (e.RetryOf is { } retried)
        {
            return $"retry of #{all[retried].Exchange.Id}";
        }
        if (e.RedirectedTo is { } to)
        {
            return $"redirect followed by #{all[to].Exchange.Id}";
        }
        if (e.RedirectedFrom is { } from)
        {
            return $"followed the redirect of #{all[from].Exchange.Id}";
        }
        return null;
    }

    private static string Target(AnalyzedExchange e, Redactor redactor)
    {
        // Parsed once by the analyzer; every row of a large capture would parse it again.
        var url = e.Url;
        if (url == null)
        {
            return redactor.RedactUrl(e.Exchange.Request.Url);
        }
        var text = e.Classification.Kind switch
        {
            HostKind.Registry => QueryString.DecodePath(url.Path) + Query(url, "digest", "mount", "from", "n", "last"),
            HostKind.Storage => url.Host + "/" + (e.Classification.Storage?.Bucket is { } b && !(e.Classification.Storage?.VirtualHosted ?? false) ? b + "/" : "")
                + (e.Classification.Storage?.Key ?? "") + Query(url, "uploads", "uploadId", "partNumber", "list-type", "prefix"),
            HostKind.Token => url.Host + url.Path + Query(url, "scope", "service", "account"),
            _ => url.Host + url.Path,
        };
        // Built from host, path, bucket, key and named non-secret parameters only: nothing here needs redacting.
        return text.Contains("sha256:", StringComparison.Ordinal) ? DigestPattern().Replace(text, m => ShortDigest(m.Value)) : text;
    }

    private static string Query(UrlParts url, params string[] names)
    {
        if (url.Query.Length == 0)
        {
            return "";
        }
        var kept = url.Parameters().Where(p => names.Contains(p.Name)).Select(p => p.Value.Length == 0 ? p.Name : $"{p.Name}={p.Value}").ToList();
        return kept.Count == 0 ? "" : "?" + string.Join('&', kept);
    }

    private static bool IsBenign(AnalyzedExchange e, OperationKind? kind) => OperationGrouper.IsBenign(e, kind ?? OperationKind.Inspect);

    /// <summary>"sha256:0123456789ab…".</summary>
    public static string ShortDigest(string digest)
    {
        var colon = digest.IndexOf(':');
        return colon >= 0 && digest.Length - colon - 1 > 12 ? digest[..(colon + 13)] + "…" : digest;
    }

    private static string Verb(OperationKind kind) => kind switch
    {
        OperationKind.Push => "push",
        OperationKind.Pull => "pull",
        OperationKind.Delete => "delete",
        _ => "inspect",
    };

    [GeneratedRegex("sha256:[0-9a-f]{64}")]
    private static partial Regex DigestPattern();
}
