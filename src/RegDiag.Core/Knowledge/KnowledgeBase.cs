using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using RegDiag.Core.Decoding;
using RegDiag.Core.Model;

namespace RegDiag.Core.Knowledge;

/// <summary>
/// The failure signatures, loaded from data (the embedded signatures.json, or another file), checked at load:
/// duplicate ids, unknown field values, unknown context predicates and invalid regular expressions are
/// rejected with the offending id. The same rows serve traffic (<see cref="DiagnosisEngine"/>), logs
/// (<see cref="MatchLogLine"/>) and documentation (<c>regdiag analyze --list-signatures</c>).
/// </summary>
public sealed class KnowledgeBase
{
    private const string ResourceName = "RegDiag.Core.Knowledge.signatures.json";

    private static readonly Lazy<KnowledgeBase> Embedded = new(() =>
    {
        using var stream = typeof(KnowledgeBase).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing");
        return Load(stream, "signatures.json (embedded)");
    });

    private KnowledgeBase(IReadOnlyList<Signature> signatures)
    {
        Signatures = signatures;
        ById = signatures.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>The knowledge base shipped with RegDiag.</summary>
    public static KnowledgeBase Default => Embedded.Value;

    /// <summary>All signatures in evaluation order (first match per exchange wins: specific rows come first).</summary>
    public IReadOnlyList<Signature> Signatures { get; }

    public IReadOnlyDictionary<string, Signature> ById { get; }

    public static KnowledgeBase Load(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        List<Signature>? rows;
        try
        {
            rows = JsonSerializer.Deserialize(stream, KnowledgeJson.Default.ListSignature);
        }
        catch (JsonException e)
        {
            throw new InputException($"{name}: not a signature list ({e.Message})", e);
        }
        if (rows == null)
        {
            throw new InputException($"{name}: empty");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!seen.Add(row.Id))
            {
                throw new InputException($"{name}: duplicate signature id \"{row.Id}\"");
            }
            Validate(row, name);
        }
        return new KnowledgeBase(rows);
    }

    /// <summary>
    /// The signature a registry, nginx or GitLab Rails log line shows, or null. Benign rows are tried first:
    /// a line matching one (the /v2/ "authorization token required" warning, a HEAD's BLOB_UNKNOWN during a
    /// push) returns that row with <see cref="Severity.Benign"/>, and must never be flagged.
    /// </summary>
    public Signature? MatchLogLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var benignFirst in new[] { true, false })
        {
            foreach (var signature in Signatures)
            {
                if ((signature.Severity == Severity.Benign) != benignFirst)
                {
                    continue;
                }
                foreach (var regex in signature.LogRegexes)
                {
                    if (regex.IsMatch(line))
                    {
                        return signature;
                    }
                }
            }
        }
        return null;
    }

    private static void Validate(Signature row, string name)
    {
        string Where() => $"{name}: signature \"{row.Id}\"";
        if (string.IsNullOrWhiteSpace(row.Id) || string.IsNullOrWhiteSpace(row.Title))
        {
            throw new InputException($"{Where()}: id and title are required");
        }
        if (row.Match == null && row.Log.Count == 0)
        {
            throw new InputException($"{Where()}: neither a match nor log patterns");
        }
        row.LogRegexes = row.Log.Select(p => Compile(p, Where)).ToList();
        if (row.Match is not { } match)
        {
            return;
        }
        CheckAll(match.Kinds, k => Enum.TryParse<HostKind>(k, ignoreCase: true, out _), "kind", Where);
        CheckAll(match.Operations, o => Enum.TryParse<Operation>(o, ignoreCase: false, out _), "operation", Where);
        CheckAll(match.Errors, e => Enum.TryParse<ExchangeErrorKind>(e, ignoreCase: false, out _), "error kind", Where);
        CheckAll(match.Status, s => s == "none" || StatusCondition.TryParse(s, out _), "status", Where);
        CheckAll(match.Context, c => ContextPredicates.Exists(c.TrimStart('!')), "context predicate", Where);
        match.BodyRegex = match.Body == null ? null : Compile(match.Body, Where);
        foreach (var header in match.Headers)
        {
            if (header.In is not ("request" or "response"))
            {
                throw new InputException($"{Where()}: header \"{header.Name}\" must be in \"request\" or \"response\"");
            }
            header.Regex = header.Pattern == null ? null : Compile(header.Pattern, Where);
        }
    }

    private static void CheckAll(IReadOnlyList<string> values, Func<string, bool> valid, string what, Func<string> where)
    {
        foreach (var value in values)
        {
            if (!valid(value))
            {
                throw new InputException($"{where()}: unknown {what} \"{value}\"");
            }
        }
    }

    private static Regex Compile(string pattern, Func<string> where)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{where()}: invalid pattern /{pattern}/ ({e.Message})", e);
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(List<Signature>))]
internal sealed partial class KnowledgeJson : JsonSerializerContext;
