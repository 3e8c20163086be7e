using System.Buffers;
using System.Text.RegularExpressions;
using RegDiag.Core.Knowledge;

namespace RegDiag.Doctor.Logs;

/// <summary>
/// The knowledge base's log rows (the same rows `analyze` uses on traffic) as a line matcher. Benign rows
/// (a /v2/ 401 challenge, a push's HEAD 404 BLOB_UNKNOWN, redirects) win over failures and give null, so a
/// healthy push's log is never flagged.
/// </summary>
public sealed partial class KnowledgeBaseLogLineMatcher : ILogLineMatcher
{
    private readonly KnowledgeBase _knowledgeBase;

    public KnowledgeBaseLogLineMatcher(KnowledgeBase knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        _knowledgeBase = knowledgeBase;
        // Only non-benign rows can flag a line, so a line holding none of their required literals is skipped.
        var literals = new List<string>();
        foreach (var pattern in knowledgeBase.Signatures.Where(s => s.Severity != Severity.Benign).SelectMany(s => s.Log))
        {
            var literal = RequiredLiteral.Of(pattern);
            if (literal == null)
            {
                literals = null;
                break;
            }
            literals.Add(literal);
        }
        Candidates = literals == null || literals.Count == 0
            ? null
            : SearchValues.Create(literals.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);
    }

    public static KnowledgeBaseLogLineMatcher Default { get; } = new(KnowledgeBase.Default);

    public SearchValues<string>? Candidates { get; }

    public LogLineMatch? Match(string line)
    {
        var signature = _knowledgeBase.MatchLogLine(line);
        if (signature == null || signature.Severity == Severity.Benign)
        {
            return null;
        }
        var severity = signature.Severity switch
        {
            Severity.Error => LogSeverity.Error,
            Severity.Warning => LogSeverity.Warning,
            _ => LogSeverity.Info,
        };
        return new LogLineMatch(signature.Id, WithoutFacts(signature.Title), severity, WithoutFacts(signature.Cause), WithoutFacts(signature.Fix));
    }

    /// <summary>Row texts name facts ({bucket}) that only traffic supplies; a log line has none of them.</summary>
    private static string WithoutFacts(string text) => Fact().Replace(text, "…");

    [GeneratedRegex(@"\{[A-Za-z][A-Za-z0-9]*\}")]
    private static partial Regex Fact();
}
