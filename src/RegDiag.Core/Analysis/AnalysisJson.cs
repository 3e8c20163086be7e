using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RegDiag.Core.Analysis;

/// <summary>Serialises the --json document: camelCase, enums by name, nulls left out.</summary>
public static class AnalysisJson
{
    private static readonly AnalysisJsonContext Context = new(Options(indented: true));
    private static readonly AnalysisJsonContext Compact = new(Options(indented: false));

    /// <summary>Streams the document (indented for people, compact for pipes: the same JSON either way).</summary>
    public static void Write(AnalysisDocument document, Stream output, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var context = indented ? Context : Compact;
        // A writer on the stream itself, not the serializer's buffer: the long lists flush to it as they go
        // (ParallelListConverter), so a large capture's document is never held in memory whole.
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = context.Options.Encoder, Indented = indented });
        JsonSerializer.Serialize(writer, document, context.AnalysisDocument);
    }

    private static JsonSerializerOptions Options(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(AnalysisDocument document) => JsonSerializer.Serialize(document, Context.AnalysisDocument);

    /// <summary>The knowledge base's rows, as <c>analyze --list-signatures --json</c> prints them.</summary>
    public static void WriteSignatures(IReadOnlyList<Knowledge.Signature> signatures, Stream output) =>
        JsonSerializer.Serialize(output, signatures.ToList(), Context.ListSignature);
}

[JsonSerializable(typeof(AnalysisDocument))]
[JsonSerializable(typeof(List<Knowledge.Signature>))]
internal sealed partial class AnalysisJsonContext : JsonSerializerContext;
