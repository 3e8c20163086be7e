using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace RegDiag.Core.Knowledge;

/// <summary>
/// One failure signature of the knowledge base (compare distribution's errcode descriptors): how to
/// recognise it in traffic (<see cref="Match"/>) and in log lines (<see cref="Log"/>), what it means and
/// what to do. Texts may use {placeholders} filled from the evidence (see docs/knowledge-base.md).
/// </summary>
public sealed record Signature
{
    public required string Id { get; init; }

    /// <summary>"storage", "registry", "auth", "transport", "benign".</summary>
    public required string Group { get; init; }

    public required Severity Severity { get; init; }

    public required string Title { get; init; }

    public string Cause { get; init => field = value ?? ""; } = "";

    public string Fix { get; init => field = value ?? ""; } = "";

    public string? Docs { get; init; }

    /// <summary>How each client generation reports this failure, word for word.</summary>
    public IReadOnlyList<ClientWording> Clients { get; init => field = value ?? []; } = [];

    /// <summary>Conditions on an exchange; null for a signature known only from logs.</summary>
    public SignatureMatch? Match { get; init; }

    /// <summary>Regular expressions over registry, nginx or Rails log lines (case-insensitive).</summary>
    public IReadOnlyList<string> Log { get; init => field = value ?? []; } = [];

    /// <summary>Further headers to cite as evidence when present.</summary>
    public IReadOnlyList<string> Evidence { get; init => field = value ?? []; } = [];

    [JsonIgnore]
    internal IReadOnlyList<Regex> LogRegexes { get; set; } = [];
}
