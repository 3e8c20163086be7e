using System.Collections.Concurrent;
using System.Globalization;
using RegDiag.Core.Correlation;
using RegDiag.Core.Decoding;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Knowledge;

/// <summary>
/// Evaluates the knowledge base over correlated exchanges. Rules, in full:
/// <list type="number">
/// <item>Signatures are tried in file order; the first whose conditions all hold claims the exchange
/// (specific rows come before generic ones, benign rows before the failures they resemble).</item>
/// <item>A benign match claims the exchange silently.</item>
/// <item>An error-level match on an exchange that a later retry made good (or, for a HEAD existence check, answered 404) is reported as a warning.</item>
/// <item>Matches of one signature with the same filled-in cause and fix are one diagnosis with all their evidence.</item>
/// </list>
/// </summary>
public static class DiagnosisEngine
{
    public const int EvidenceLimit = 20;

    public static IReadOnlyList<Diagnosis> Diagnose(
        IReadOnlyList<AnalyzedExchange> exchanges, CorrelationResult correlation, KnowledgeBase knowledgeBase, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        ArgumentNullException.ThrowIfNull(correlation);
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(redactor);
        var rows = knowledgeBase.Signatures.Where(s => s.Match != null).ToList();
        var matchesSuccess = rows.Select(r => CanMatchSuccess(r.Match!)).ToArray();
        var uploadsById = new Dictionary<string, UploadSession>(StringComparer.Ordinal);
        foreach (var session in correlation.Uploads)
        {
            uploadsById.TryAdd(session.Id, session);
        }
        var recovered = Recovered(exchanges);
        // Matching only reads the analysis: exchanges are matched on every core, then the matches are recorded
        // in exchange order, as one pass would (the first occurrence of a diagnosis gives its texts).
        var claims = new Claim?[exchanges.Count];
        Parallel.ForEach(Partitioner.Create(0, exchanges.Count, 1024), () => new Findings(), (range, _, findings) =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var exchange = exchanges[i];
                var failed = exchange.Failed;
                MatchContext? context = null;
                for (var r = 0; r < rows.Count; r++)
                {
                    if (!failed && !matchesSuccess[r])
                    {
                        continue;
                    }
                    context ??= new MatchContext(exchange, exchanges, correlation.Operations, correlation.Uploads, uploadsById, recovered);
                    findings.Clear();
                    if (!Matches(rows[r].Match!, context, findings))
                    {
                        continue;
                    }
                    if (rows[r].Severity != Severity.Benign)
                    {
                        claims[i] = new Claim(rows[r], context, findings);
                        findings = new Findings(); // those are kept with the match
                    }
                    break;
                }
            }
            return findings;
        }, _ => { });
        var found = new Dictionary<string, Builder>(StringComparer.Ordinal);
        var order = new List<Builder>();
        foreach (var claim in claims)
        {
            if (claim != null)
            {
                Record(claim.Row, claim.Context, claim.Findings, redactor, found, order);
            }
        }
        return order
            .Select(b => b.Build())
            .OrderByDescending(d => d.Severity)
            .ThenBy(d => order.FindIndex(b => b.Key == d.Id + "\n" + d.Title))
            .ToList();
    }

    private static bool CanMatchSuccess(SignatureMatch match) =>
        match.Errors.Count == 0 && match.RegistryCodes.Count == 0 && match.StorageCodes.Count == 0 &&
        (match.Status.Count == 0 || match.Status.Any(s => StatusCondition.TryParse(s, out var c) && c.Low < 400));

    internal static bool Matches(SignatureMatch match, MatchContext context, Findings findings)
    {
        var exchange = context.Exchange;
        var c = exchange.Classification;
        var response = exchange.Exchange.Response;
        if (match.Errors.Count > 0 && (exchange.Exchange.Error is not { } error || !match.Errors.Contains(error.Kind.ToString())))
        {
            return false;
        }
        if (match.Status.Count > 0 && !AnyStatus(match.Status, response))
        {
            return false;
        }
        if (match.Kinds.Count > 0 && !ContainsIgnoringCase(match.Kinds, c.Kind.ToString()))
        {
            return false;
        }
        if (match.Methods.Count > 0 && !ContainsIgnoringCase(match.Methods, exchange.Exchange.Request.Method))
        {
            return false;
        }
        if (match.Operations.Count > 0 && !match.Operations.Contains(c.Operation.ToString()))
        {
            return false;
        }
        if (match.RegistryCodes.Count > 0)
        {
            var code = FirstCode(c.Errors, match.RegistryCodes);
            if (code == null)
            {
                return false;
            }
            findings.Facts["registryCode"] = code.Code;
            findings.Facts["registryMessage"] = code.Message ?? "";
            findings.Facts["detail"] = code.Detail ?? "";
        }
        if (match.StorageCodes.Count > 0)
        {
            var code = c.StorageError?.Code;
            var ok = c.Kind == HostKind.Storage && response is { Status: >= 300 } &&
                (code == null ? match.StorageCodes.Contains("none") : match.StorageCodes.Contains(code));
            if (!ok)
            {
                return false;
            }
        }
        for (var h = 0; h < match.Headers.Count; h++)
        {
            var header = match.Headers[h];
            var headers = header.In == "request" ? exchange.Exchange.Request.Headers : response?.Headers ?? [];
            var value = headers.Get(header.Name);
            if (header.Absent)
            {
                if (value != null)
                {
                    return false;
                }
                continue;
            }
            if (value == null)
            {
                return false;
            }
            if (header.Regex != null)
            {
                var m = header.Regex.Match(value);
                if (!m.Success)
                {
                    return false;
                }
                Capture(m, header.Regex, findings);
            }
            findings.Headers.Add((header.Name, value));
        }
        if (match.BodyRegex != null)
        {
            var text = response?.Body.Text;
            var m = text == null ? null : match.BodyRegex.Match(text);
            if (m is not { Success: true })
            {
                return false;
            }
            Capture(m, match.BodyRegex, findings);
        }
        for (var i = 0; i < match.Context.Count; i++)
        {
            if (!ContextPredicates.Evaluate(match.Context[i], context, findings))
            {
                return false;
            }
        }
        return true;
    }

    // Indexed loops rather than lambdas or foreach over the interfaces in the checks: they run for every failed
    // exchange and signature row, and a capturing lambda or a boxed enumerator is an allocation each time.
    private static bool AnyStatus(IReadOnlyList<string> statuses, ResponseRecord? response)
    {
        for (var i = 0; i < statuses.Count; i++)
        {
            var s = statuses[i];
            if (s == "none" ? response == null : response != null && StatusCondition.TryParse(s, out var condition) && condition.Matches(response.Status))
            {
                return true;
            }
        }
        return false;
    }

    private static bool ContainsIgnoringCase(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static RegistryError? FirstCode(IReadOnlyList<RegistryError> errors, IReadOnlyList<string> codes)
    {
        for (var i = 0; i < errors.Count; i++)
        {
            if (codes.Contains(errors[i].Code))
            {
                return errors[i];
            }
        }
        return null;
    }

    private static void Capture(System.Text.RegularExpressions.Match m, System.Text.RegularExpressions.Regex regex, Findings findings)
    {
        foreach (var name in regex.GetGroupNames())
        {
            if (!int.TryParse(name, out _) && m.Groups[name].Success)
            {
                findings.Facts[name] = m.Groups[name].Value;
            }
        }
    }

    private static void Record(Signature row, MatchContext context, Findings findings, Redactor redactor,
        Dictionary<string, Builder> found, List<Builder> order)
    {
        var facts = BaseFacts(context, redactor);
        foreach (var (key, value) in findings.Facts)
        {
            facts[key] = redactor.RedactText(value);
        }
        // One diagnosis per signature and title (titles carry the distinguishing facts: the storage code,
        // the repository); the cause and fix are those of the first occurrence, each evidence keeps its notes.
        var title = TextTemplate.Render(row.Title, facts);
        var aggregate = row.Id + "\n" + title;
        if (!found.TryGetValue(aggregate, out var builder))
        {
            builder = new Builder(row, aggregate, title, TextTemplate.Render(row.Cause, facts), TextTemplate.Render(row.Fix, facts));
            found[aggregate] = builder;
            order.Add(builder);
        }
        builder.Add(EvidenceFor(row, context, findings, redactor), context.Recovered.Contains(context.Exchange.Index));
    }

    private static Dictionary<string, string> BaseFacts(MatchContext context, Redactor redactor)
    {
        var exchange = context.Exchange;
        var c = exchange.Classification;
        var url = exchange.Url;
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["method"] = exchange.Exchange.Request.Method,
            ["status"] = exchange.Status?.ToString(CultureInfo.InvariantCulture) ?? "no response",
            ["host"] = url?.Host ?? "",
            ["origin"] = url?.Origin ?? "",
            ["operation"] = c.Operation.ToString(),
        };
        void Set(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                facts[name] = redactor.RedactText(value);
            }
        }
        Set("repository", c.Registry?.Repository ?? c.Storage?.Layout?.Repository);
        Set("reference", c.Registry?.Reference);
        Set("digest", c.Registry?.Digest ?? exchange.Digest ?? c.Storage?.Layout?.Digest);
        Set("uploadId", c.Registry?.UploadId);
        if (c.Errors.Count > 0)
        {
            Set("registryCode", c.Errors[0].Code);
            Set("registryMessage", c.Errors[0].Message);
            Set("detail", c.Errors[0].Detail);
        }
        Set("storageCode", c.StorageError?.Code);
        Set("storageMessage", c.StorageError?.Message);
        Set("bucket", c.Storage?.Bucket);
        Set("provider", c.Storage?.Provider.ToString());
        Set("signedRegion", c.Storage?.SignedRegion);
        Set("bucketRegion", c.StorageError?.BucketRegion);
        Set("endpoint", c.StorageError?.Endpoint);
        Set("errorKind", exchange.Exchange.Error?.Kind.ToString());
        Set("errorMessage", exchange.Exchange.Error?.Message);
        Set("scope", c.Challenge?.Scope ?? (c.Token?.Scopes is { Count: > 0 } scopes ? string.Join(' ', scopes) : null));
        Set("challengeError", c.Challenge?.Error);
        Set("realm", c.Challenge?.Realm);
        Set("service", c.Challenge?.Service ?? c.Token?.Service);
        Set("account", c.Token?.Account);
        Set("contentLength", exchange.Exchange.Request.Headers.Get("Content-Length") ?? exchange.Exchange.Request.Body.Size.ToString(CultureInfo.InvariantCulture));
        Set("contentRange", exchange.Exchange.Request.Headers.Get("Content-Range"));
        Set("retryAfter", exchange.Exchange.Response?.Headers.Get("Retry-After"));
        Set("server", exchange.Exchange.Response?.Headers.Get("Server") ?? exchange.Exchange.Response?.Headers.Get("Via"));
        return facts;
    }

    private static Evidence EvidenceFor(Signature row, MatchContext context, Findings findings, Redactor redactor)
    {
        var exchange = context.Exchange;
        var response = exchange.Exchange.Response;
        var headers = new List<string>();
        void Cite(string name, string value)
        {
            var line = $"{name}: {redactor.RedactHeaderValue(name, value)}";
            if (!headers.Contains(line))
            {
                headers.Add(line);
            }
        }
        foreach (var (name, value) in findings.Headers)
        {
            Cite(name, value);
        }
        foreach (var name in row.Evidence)
        {
            var value = response?.Headers.Get(name) ?? exchange.Exchange.Request.Headers.Get(name);
            if (value != null)
            {
                Cite(name, value);
            }
        }
        var codes = exchange.Classification.Errors.Select(e => e.Code)
            .Concat(exchange.Classification.StorageError?.Code is { } s ? [s] : []);
        var outcome = exchange.Exchange.Error is { } error && response == null
            ? $"{error.Kind}: {redactor.RedactText(error.Message)}"
            : $"{response!.Status} {response.Reason} {string.Join(' ', codes)}".Trim();
        return new Evidence
        {
            Exchange = exchange.Exchange.Id,
            Request = $"{exchange.Exchange.Request.Method} {redactor.RedactUrl(exchange.Exchange.Request.Url)}",
            Outcome = outcome,
            At = exchange.Start,
            Headers = headers,
            Notes = findings.Notes.Select(redactor.RedactText).Distinct().ToList(),
            Related = findings.Related.Distinct().Select(i => context.All[i].Exchange.Id).ToList(),
            Operation = exchange.OperationGroup,
        };
    }

    // A repeated existence check answered 404 got its real answer: the failure before it went away.
    private static HashSet<int> Recovered(IReadOnlyList<AnalyzedExchange> exchanges) =>
        RetryChains.Recovered(exchanges, exchanges, e => !e.Failed ||
            (e.Status == 404 && e.Classification.Kind == HostKind.Registry && e.Exchange.Request.Method == "HEAD"));

    /// <summary>The (non-benign) signature row that claimed an exchange, and what matching found out.</summary>
    private sealed record Claim(Signature Row, MatchContext Context, Findings Findings);

    private sealed class Builder(Signature row, string key, string title, string cause, string fix)
    {
        private readonly List<Evidence> _evidence = [];
        private int _count;
        private bool _unrecovered;

        public string Key { get; } = key;

        public void Add(Evidence evidence, bool recovered)
        {
            _count++;
            _unrecovered |= !recovered;
            if (_evidence.Count < EvidenceLimit)
            {
                _evidence.Add(evidence);
            }
        }

        public Diagnosis Build() => new()
        {
            Id = row.Id,
            Group = row.Group,
            Severity = !_unrecovered && row.Severity == Severity.Error ? Severity.Warning : row.Severity,
            Title = title,
            Cause = cause,
            Fix = fix,
            Docs = row.Docs,
            Clients = row.Clients,
            Count = _count,
            Evidence = _evidence,
            Recovered = !_unrecovered,
        };
    }
}
