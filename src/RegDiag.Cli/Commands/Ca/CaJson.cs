using System.Text.Json.Serialization;

namespace RegDiag.Cli.Commands.Ca;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CaInfo))]
internal sealed partial class CaJson : JsonSerializerContext;
