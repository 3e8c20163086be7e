using System.Buffers;
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
/// The writer is flushed as it goes: on a stream (<see cref="AnalysisJson.Write"/>) that sends the bytes on.
/// </summary>
internal sealed class ParallelListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    /// <summary>Items serialised before they are written: enough to share out, few enough to keep memory flat.</summary>
    private const int Run = 1024;

    /// <summary>Items one thread serialises in a go, as one list into one reused buffer.</summary>
    private const int SliceItems = 64;

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
                if (i % SliceItems == SliceItems - 1)
                {
                    writer.Flush();
                }
            }
        }
        else
        {
            var slices = new Slice[(Math.Min(Run, items.Count) + SliceItems - 1) / SliceItems];
            var writerOptions = new JsonWriterOptions { Encoder = options.Encoder };
            var listContract = (JsonTypeInfo<IReadOnlyList<T>>)options.GetTypeInfo(typeof(IReadOnlyList<T>));
            for (var start = 0; start < items.Count; start += Run)
            {
                var count = Math.Min(Run, items.Count - start);
                Parallel.For(0, (count + SliceItems - 1) / SliceItems, s =>
                {
                    var first = start + s * SliceItems;
                    (slices[s] ??= new Slice(writerOptions, listContract)).Serialize(items, first, Math.Min(first + SliceItems, start + count));
                });
                for (var s = 0; s * SliceItems < count; s++)
                {
                    slices[s].WriteTo(writer);
                    writer.Flush(); // holds one slice at a time: small buffers are reused, large ones would not be
                }
            }
        }
        writer.WriteEndArray();
    }

    /// <summary>
    /// A few consecutive items serialised together, as a list, into a buffer kept from run to run (bytes
    /// that outlive a collection are bytes the collector copies). Written without the list's brackets, the
    /// items and the commas between them are exactly what the serializer writes for them in the long list;
    /// the writer puts the comma between one slice and the next.
    /// </summary>
    private sealed class Slice(JsonWriterOptions writerOptions, JsonTypeInfo<IReadOnlyList<T>> contract)
    {
        private readonly T[] _items = new T[SliceItems];
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private Utf8JsonWriter? _writer;

        public void Serialize(IReadOnlyList<T> items, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                _items[i - from] = items[i];
            }
            _buffer.ResetWrittenCount();
            _writer ??= new Utf8JsonWriter(_buffer, writerOptions);
            _writer.Reset();
            JsonSerializer.Serialize(_writer, new ArraySegment<T>(_items, 0, to - from), contract);
            _writer.Flush();
        }

        public void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(_buffer.WrittenSpan[1..^1], skipInputValidation: true);
    }
}
