namespace RegDiag.Core.Correlation;

/// <summary>
/// Marks repeats of a failed request (same client, method and URL, within <see cref="Window"/>) as retries,
/// unless the repeat is the normal retry after a 401 (see <see cref="AuthLinker"/>).
/// </summary>
internal static class RetryLinker
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public static void Link(IReadOnlyList<AnalyzedExchange> exchanges, IReadOnlyDictionary<string, List<int>> byUrl)
    {
        foreach (var list in byUrl.Values)
        {
            for (var i = 1; i < list.Count; i++)
            {
                var current = exchanges[list[i]];
                if (current.AuthRetryOf != null || current.RedirectedFrom != null)
                {
                    continue;
                }
                for (var j = i - 1; j >= 0; j--)
                {
                    var earlier = exchanges[list[j]];
                    if (current.Start - earlier.Start > Window)
                    {
                        break;
                    }
                    if (earlier.Exchange.Request.Method == current.Exchange.Request.Method && earlier.SameClient(current))
                    {
                        if (earlier.Failed && earlier.Status != 401 && !IsExistenceCheck(earlier))
                        {
                            current.RetryOf = earlier.Index;
                        }
                        break;
                    }
                }
            }
        }
    }

    /// <summary>A 404 on a HEAD is an answer, not a failure to retry (blob existence checks during push).</summary>
    private static bool IsExistenceCheck(AnalyzedExchange exchange) =>
        exchange.Status == 404 && exchange.Exchange.Request.Method == "HEAD";
}
