using System.Buffers;
using System.Text.Json;

namespace RegDiag.Core.Har;

/// <summary>
/// Streams the entries of a HAR (log.entries[*]) one at a time, holding only the entry being read in
/// memory. System.Text.Json has no way to stream a nested array's items (its async enumerables only take a
/// top-level array), hence this small scanner over <see cref="Utf8JsonReader"/>: it tracks the property
/// path, and for each entry skips to its end and hands out that slice.
/// </summary>
internal sealed class HarEntryStream : IDisposable
{
    private const int InitialBuffer = 1 << 20;

    /// <summary>Exporters' leniencies that JSON itself forbids: comments, trailing commas.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly Stream _stream;
    private readonly string _name;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state;
    private long _offset;
    private string? _logProperty;
    private string? _entryProperty;
    private bool _sawEntries;
    private bool _sawRoot;

    public HarEntryStream(Stream stream, string name)
    {
        _stream = stream;
        _name = name;
        _state = new JsonReaderState(ReaderOptions);
    }

    /// <summary>
    /// The next entry's bytes, valid until the next call, or false at the end of the entries.
    /// </summary>
    public bool TryNext(out ReadOnlyMemory<byte> entry)
    {
        while (true)
        {
            if (TryScan(out entry, out var finished))
            {
                return true;
            }
            if (finished)
            {
                if (!_sawEntries)
                {
                    throw new InputException(_sawRoot
                        ? $"{_name}: not a HAR file (no log.entries array)"
                        : $"{_name}: not a HAR file (empty or not a JSON object)");
                }
                return false;
            }
            Refill();
        }
    }

    private bool TryScan(out ReadOnlyMemory<byte> entry, out bool finished)
    {
        entry = default;
        finished = false;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
        try
        {
            while (true)
            {
                var checkpoint = reader.CurrentState;
                var checkpointConsumed = reader.BytesConsumed;
                if (!reader.Read())
                {
                    finished = _eof;
                    Consume(reader.BytesConsumed, reader.CurrentState);
                    return false;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject when reader.CurrentDepth == 0:
                        _sawRoot = true;
                        break;
                    case JsonTokenType.StartArray when reader.CurrentDepth == 0:
                        throw new InputException($"{_name}: not a HAR file (a JSON array, expected an object with \"log\")");
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        _logProperty = reader.GetString();
                        break;
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 2:
                        _entryProperty = reader.GetString();
                        break;
                    case JsonTokenType.StartArray when reader.CurrentDepth == 2 && IsEntries:
                        _sawEntries = true;
                        break;
                    case JsonTokenType.StartObject when reader.CurrentDepth == 3 && IsEntries:
                        var tokenStart = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            // The entry is not all in the buffer yet: resume from before it once more is read.
                            Consume(checkpointConsumed, checkpoint);
                            return false;
                        }
                        entry = _buffer.AsMemory(_start + tokenStart, (int)reader.BytesConsumed - tokenStart);
                        Consume(reader.BytesConsumed, reader.CurrentState);
                        return true;
                }
            }
        }
        catch (JsonException e)
        {
            throw new InputException($"{_name}: not valid JSON near byte {_offset + e.BytePositionInLine} ({FirstSentence(e.Message)})", e);
        }
    }

    private bool IsEntries => _logProperty == "log" && _entryProperty == "entries";

    private void Consume(long consumed, JsonReaderState state)
    {
        _start += (int)consumed;
        _offset += consumed;
        _state = state;
    }

    private void Refill()
    {
        var pending = _end - _start;
        if (_start == 0 && _end == _buffer.Length)
        {
            // One entry larger than the buffer: grow (bodies are at most 64 KiB of text each, so rarely).
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, pending).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        _start = 0;
        _end = pending;
        while (_end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                break;
            }
            _end += read;
        }
        SkipByteOrderMark();
    }

    /// <summary>Windows tools (Fiddler, Charles) may start the file with a UTF-8 byte order mark.</summary>
    private void SkipByteOrderMark()
    {
        if (_offset == 0 && _start == 0 && _end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _start = 3;
            _offset = 3;
        }
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message : message[..dot];
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
