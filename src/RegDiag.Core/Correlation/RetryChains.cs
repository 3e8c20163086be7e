namespace RegDiag.Core.Correlation;

/// <summary>Walks retry links (a plain retry, the retry after a token fetch, a restarted upload) back from a later answer.</summary>
internal static class RetryChains
{
    /// <summary>
    /// The indexes of earlier attempts that a later one made good: every exchange before an <paramref name="answered"/>
    /// one in its chain of RetryOf / AuthRetryOf links.
    /// </summary>
    public static HashSet<int> Recovered(
        IEnumerable<AnalyzedExchange> candidates, IReadOnlyList<AnalyzedExchange> all, Func<AnalyzedExchange, bool> answered)
    {
        var recovered = new HashSet<int>();
        foreach (var exchange in candidates)
        {
            if (!answered(exchange))
            {
                continue;
            }
            var earlier = exchange.RetryOf ?? exchange.AuthRetryOf;
            while (earlier is { } e && recovered.Add(e))
            {
                earlier = all[e].RetryOf ?? all[e].AuthRetryOf;
            }
        }
        return recovered;
    }
}
