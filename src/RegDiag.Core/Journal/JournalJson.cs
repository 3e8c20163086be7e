using System.Text.Json.Serialization;
using RegDiag.Core.Model;

namespace RegDiag.Core.Journal;

/// <summary>The JSON shape of journal lines: camelCase, enums as strings, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Exchange))]
internal sealed partial class JournalJson : JsonSerializerContext;
