namespace RegDiag.Core.Correlation;

/// <summary>Runs the correlators in dependency order over exchanges sorted by start time.</summary>
internal static class Correlator
{
    public static CorrelationResult Run(IReadOnlyList<AnalyzedExchange> exchanges)
    {
        var byUrl = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var exchange in exchanges)
        {
            var url = exchange.Exchange.Request.Url;
            if (!byUrl.TryGetValue(url, out var list))
            {
                byUrl[url] = list = [];
            }
            list.Add(exchange.Index);
        }
        RedirectLinker.Link(exchanges, byUrl);
        AuthLinker.Link(exchanges, byUrl);
        RetryLinker.Link(exchanges, byUrl);
        var uploads = UploadLinker.Link(exchanges);
        UploadRestartLinker.Link(exchanges, uploads);
        StorageSideLinker.Link(exchanges);
        var operations = OperationGrouper.Group(exchanges);
        return new CorrelationResult(uploads, operations);
    }

    /// <summary>The position in <paramref name="indexes"/> (ascending) of the first index above <paramref name="index"/>.</summary>
    internal static int FirstAfter(List<int> indexes, int index)
    {
        var found = indexes.BinarySearch(index + 1);
        return found >= 0 ? found : ~found;
    }
}
