using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace RegDiag.Core.Knowledge;

/// <summary>
/// The conditions of a signature, all of which must hold (a list means any of its values). Empty or absent
/// conditions match anything. See docs/knowledge-base.md for the meaning of each field.
/// </summary>
/// <remarks>
/// The source-generated deserializer assigns every init-only property, null for an absent one; the
/// setters turn that into an empty list.
/// </remarks>
public sealed record SignatureMatch
{
    /// <summary>Host kinds: "registry", "token", "storage", "other".</summary>
    public IReadOnlyList<string> Kinds { get; init => field = value ?? []; } = [];

    public IReadOnlyList<string> Methods { get; init => field = value ?? []; } = [];

    /// <summary>Operation names (<see cref="Decoding.Operation"/>).</summary>
    public IReadOnlyList<string> Operations { get; init => field = value ?? []; } = [];

    /// <summary>"403", "5xx", "4xx"; "none" for an exchange without a response.</summary>
    public IReadOnlyList<string> Status { get; init => field = value ?? []; } = [];

    /// <summary>Registry error codes in the body (any of them).</summary>
    public IReadOnlyList<string> RegistryCodes { get; init => field = value ?? []; } = [];

    /// <summary>Object-store error codes; "none" for an error response without a code (a HEAD has no body).</summary>
    public IReadOnlyList<string> StorageCodes { get; init => field = value ?? []; } = [];

    /// <summary>Transport error kinds (<see cref="Model.ExchangeErrorKind"/>).</summary>
    public IReadOnlyList<string> Errors { get; init => field = value ?? []; } = [];

    public IReadOnlyList<HeaderCondition> Headers { get; init => field = value ?? []; } = [];

    /// <summary>A regular expression over the response body text; named groups become facts for the texts.</summary>
    public string? Body { get; init; }

    /// <summary>Named context predicates over the exchange's neighbours; "!name" negates.</summary>
    public IReadOnlyList<string> Context { get; init => field = value ?? []; } = [];

    [JsonIgnore]
    internal Regex? BodyRegex { get; set; }
}
