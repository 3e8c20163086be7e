using System.Collections.Concurrent;

namespace RegDiag.Core.Http;

/// <summary>
/// One string per distinct value of what an analysis takes out of URLs that repeat across exchanges (hosts,
/// origins, repositories, digests, upload ids): a push names each a dozen times, and a large capture keeps
/// every parsed URL and classification to the end. Looked up by span, so a value already seen makes no
/// string at all. One per analysis (it only grows); thread-safe, as URLs are parsed and classified on every core.
/// </summary>
internal sealed class SharedStrings
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public SharedStrings() => _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> value)
    {
        if (_bySpan.TryGetValue(value, out var shared))
        {
            return shared;
        }
        var text = value.ToString();
        return _strings.GetOrAdd(text, text);
    }
}
