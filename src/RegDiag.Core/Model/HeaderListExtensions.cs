namespace RegDiag.Core.Model;

public static class HeaderListExtensions
{
    /// <summary>The first value of a header, compared case-insensitively, or null.</summary>
    public static string? Get(this IReadOnlyList<Header> headers, string name)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }
        return null;
    }

    /// <summary>Every value of a header, in order.</summary>
    public static IEnumerable<string> GetAll(this IReadOnlyList<Header> headers, string name) =>
        headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
}
