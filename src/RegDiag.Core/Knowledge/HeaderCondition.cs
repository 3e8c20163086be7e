using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace RegDiag.Core.Knowledge;

/// <summary>A header that must be present (and match <see cref="Pattern"/>, when given) on the request or response.</summary>
public sealed record HeaderCondition
{
    public required string Name { get; init; }

    /// <summary>A regular expression over the value; named groups become facts.</summary>
    public string? Pattern { get; init; }

    /// <summary>"response" (default) or "request".</summary>
    public string In { get; init => field = value ?? "response"; } = "response";

    /// <summary>True: the header must be absent.</summary>
    public bool Absent { get; init; }

    [JsonIgnore]
    internal Regex? Regex { get; set; }
}
