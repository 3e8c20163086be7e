using System.Globalization;
using RegDiag.Lab.Errors;

namespace RegDiag.Lab.Handlers;

/// <summary>The n/last paging of the catalog and tags list, with the Link header for the next page.</summary>
internal static class Paging
{
    /// <summary>Applies n and last; false (with PAGINATION_NUMBER_INVALID added) when n is not a valid count.</summary>
    public static bool TryPage(RequestContext context, IReadOnlyList<string> all, int maxEntries, string path,
        out IReadOnlyList<string> page)
    {
        page = [];
        var last = context.Request.Query["last"].ToString();
        var nText = context.Request.Query["n"].ToString();
        var n = maxEntries;
        if (nText.Length > 0)
        {
            if (!int.TryParse(nText, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n > maxEntries)
            {
                context.Fail(ErrorCodes.PaginationNumberInvalid, new Dictionary<string, string> { ["n"] = nText });
                return false;
            }
        }
        var remaining = all.Where(item => last.Length == 0 || string.CompareOrdinal(item, last) > 0).ToList();
        page = remaining.Take(n).ToList();
        if (n > 0 && remaining.Count > n)
        {
            var next = $"{path}?last={Uri.EscapeDataString(page[^1])}&n={n}";
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        return true;
    }
}
