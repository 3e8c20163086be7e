using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RegDiag.Core.Analysis;

/// <summary>
/// Writes the document's long lists of independent records (its exchanges, its timeline sections) with the
/// serializer's own contract for <typeparamref name="T"/>, on every core. Compact output: a run of items is
/// serialised in parallel, then written in order, byte for byte what the serializer writes for the list
/// (writing a 100,000-exchange document was otherwise a second of one core while the other idled).
/// Indented output (for a terminal) goes item by item through the same writer, as the serializer would.
/// After each run the writer is flushed: on a stream (<see cref="AnalysisJson.Write"/>) that sends it on.
/// </summary>
internal sealed class ParallelListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    /// <summary>Items serialised before they are written: enough to share out, few enough to keep memory flat.</summary>
    private const int Run = 4096;

    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("the analysis document is only ever written");

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> items, JsonSerializerOptions options)
    {
        var contract = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        if (options.WriteIndented)
        {
            // Raw values keep no indentation of their own: indented items are written in place.
            for (var i = 0; i < items.Count; i++)
            {
                JsonSerializer.Serialize(writer, items[i], contract);
                if (i % Run == Run - 1)
                {
                    writer.Flush();
                }
            }
        }
        else
        {
            var encoded = new byte[Math.Min(Run, items.Count)][];
            for (var start = 0; start < items.Count; start += Run)
            {
                var count = Math.Min(Run, items.Count - start);
                Parallel.ForEach(Partitioner.Create(0, count, 256), range =>
                {
                    for (var i = range.Item1; i < range.Item2; i++)
                    {
                        encoded[i] = JsonSerializer.SerializeToUtf8Bytes(items[start + i], contract);
                    }
                });
                for (var i = 0; i < count; i++)
                {
                    writer.WriteRawValue(encoded[i], skipInputValidation: true);
                }
                writer.Flush();
            }
        }
        writer.WriteEndArray();
    }
}
