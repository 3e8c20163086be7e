using System.Buffers;

namespace RegDiag.Core.Har;

/// <summary>
/// A run of consecutive HAR entries copied out of the read buffer (whose slices only live until the next
/// read), so that they can be parsed on several threads while the file is read on.
/// </summary>
internal sealed class HarEntryBatch : IDisposable
{
    /// <summary>Enough entries to keep every core busy for a while; small enough to keep memory flat.</summary>
    public const int MaxEntries = 4096;

    private const int MaxBytes = 8 << 20;

    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(MaxBytes);
    private readonly List<(int Start, int Length)> _entries = new(MaxEntries);
    private int _used;

    public int Count => _entries.Count;

    /// <summary>False when full: either the entry count or the byte budget (one larger entry always fits).</summary>
    public bool HasRoom => _entries.Count < MaxEntries && _used < MaxBytes;

    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            var (start, length) = _entries[index];
            return _bytes.AsSpan(start, length);
        }
    }

    public void Add(ReadOnlySpan<byte> entry)
    {
        if (_used + entry.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _used + entry.Length));
            _bytes.AsSpan(0, _used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }
        entry.CopyTo(_bytes.AsSpan(_used));
        _entries.Add((_used, entry.Length));
        _used += entry.Length;
    }

    public void Clear()
    {
        _entries.Clear();
        _used = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }
}
