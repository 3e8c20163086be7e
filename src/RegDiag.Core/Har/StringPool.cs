using System.Runtime.CompilerServices;
using System.Text;
using RegDiag.Core.Model;

namespace RegDiag.Core.Har;

/// <summary>
/// Shares equal strings while reading a capture: header names, and values that repeat on every request (the
/// bearer token, User-Agent, content types). A 100,000-entry HAR otherwise keeps 100,000 copies of each.
/// Whole header lines are shared too (records are immutable): a push repeats the same few on every request,
/// and each object less is one the garbage collector need not copy while the capture is read.
/// Not thread-safe: one pool per reading thread.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<(string, string), Header> _headers = new(SameStrings.Instance);
    private const int MaxLength = 1024;
    private const int MaxEntries = 200_000;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public StringPool() => _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Intern(string value)
    {
        if (value.Length > MaxLength)
        {
            return value;
        }
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }
        if (_strings.Count < MaxEntries)
        {
            _strings[value] = value;
        }
        return value;
    }

    /// <summary>Scratch space for the headers of the message being read (copied out to an exact-size array).</summary>
    public List<Header> Headers { get; } = [];

    /// <summary>One shared <see cref="Header"/> per distinct line (name and value already pooled).</summary>
    public Header Header(string name, string value)
    {
        if (_headers.TryGetValue((name, value), out var shared))
        {
            return shared;
        }
        var header = new Header(name, value);
        if (_headers.Count < MaxEntries)
        {
            _headers[(name, value)] = header;
        }
        return header;
    }

    /// <summary>The pooled string of these UTF-8 bytes: a string is only made the first time they are seen.</summary>
    public string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Intern(Encoding.UTF8.GetString(utf8));
        }
        // Sized to the input (a UTF-8 byte is at most one UTF-16 char): zeroing a fixed 2 KiB each call showed in profiles.
        Span<char> chars = stackalloc char[utf8.Length];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return _bySpan.TryGetValue(chars[..count], out var shared) ? shared : Intern(new string(chars[..count]));
    }

    /// <summary>
    /// Compares header lines by the identity of their (pooled) strings: hashing the text again cost more than
    /// the sharing saved. Equal text that did not come from the pool just is not shared.
    /// </summary>
    private sealed class SameStrings : IEqualityComparer<(string, string)>
    {
        public static readonly SameStrings Instance = new();

        public bool Equals((string, string) x, (string, string) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((string, string) line) => HashCode.Combine(RuntimeHelpers.GetHashCode(line.Item1), RuntimeHelpers.GetHashCode(line.Item2));
    }
}
