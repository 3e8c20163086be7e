namespace RegDiag.Core.Har;

/// <summary>
/// Shares equal strings while reading a capture: header names, and values that repeat on every request (the
/// bearer token, User-Agent, content types). A 100,000-entry HAR otherwise keeps 100,000 copies of each.
/// </summary>
internal sealed class StringPool
{
    private const int MaxLength = 1024;
    private const int MaxEntries = 200_000;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

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
}
