namespace RegDiag.Core.Model;

public static class HeaderListExtensions
{
    /// <summary>The first value of a header, compared case-insensitively, or null.</summary>
    public static string? Get(this IReadOnlyList<Header> headers, string name)
    {
        // Indexed: foreach over the interface would allocate an enumerator, and this runs several times per exchange.
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return headers[i].Value;
            }
        }
        return null;
    }

    /// <summary>Every value of a header, in order.</summary>
    public static IEnumerable<string> GetAll(this IReadOnlyList<Header> headers, string name) =>
        headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
}
