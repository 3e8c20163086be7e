namespace RegDiag.Lab.S3.Auth;

/// <summary>
/// The raw query string as name/value pairs in order, percent-decoded without turning '+' into a space:
/// SigV4 signs what the client encoded, and AWS clients encode spaces as %20.
/// </summary>
internal static class QueryString
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string rawQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }
        return pairs;
    }

    public static string? Get(IReadOnlyList<KeyValuePair<string, string>> pairs, string name) =>
        pairs.FirstOrDefault(p => p.Key == name).Value;

    public static bool Has(IReadOnlyList<KeyValuePair<string, string>> pairs, string name) =>
        pairs.Any(p => p.Key == name);
}
