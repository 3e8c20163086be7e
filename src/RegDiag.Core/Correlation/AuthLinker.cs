using RegDiag.Core.Decoding;
using RegDiag.Core.Http;

namespace RegDiag.Core.Correlation;

/// <summary>
/// Links a 401 carrying a Bearer challenge to the token fetch it caused (the next fetch from the same client
/// to the challenge's realm) and to the retried request (the next same method and URL after that fetch).
/// </summary>
internal static class AuthLinker
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    public static void Link(IReadOnlyList<AnalyzedExchange> exchanges, IReadOnlyDictionary<string, List<int>> byUrl)
    {
        var tokenFetches = exchanges.Where(e => e.Classification.Kind == HostKind.Token).Select(e => e.Index).ToList();
        var nextToken = 0;
        foreach (var challenged in exchanges)
        {
            if (challenged.Status != 401 || challenged.Classification.Kind != HostKind.Registry)
            {
                continue;
            }
            var realm = challenged.Classification.Challenge?.Realm is { } r && UrlParts.Parse(r) is { } realmUrl ? realmUrl.Origin + realmUrl.Path : null;
            while (nextToken < tokenFetches.Count && tokenFetches[nextToken] < challenged.Index)
            {
                nextToken++;
            }
            int? fetchIndex = null;
            for (var k = nextToken; k < tokenFetches.Count; k++)
            {
                var fetch = exchanges[tokenFetches[k]];
                if (fetch.Start - challenged.End > Window)
                {
                    break;
                }
                var fetchUrl = fetch.Url;
                if (fetch.TokenFor == null && fetch.SameClient(challenged) && (realm == null || fetchUrl?.Origin + fetchUrl?.Path == realm))
                {
                    fetch.TokenFor = challenged.Index;
                    fetchIndex = fetch.Index;
                    break;
                }
            }
            var after = fetchIndex ?? challenged.Index;
            if (!byUrl.TryGetValue(challenged.Exchange.Request.Url, out var same))
            {
                continue;
            }
            // The list is in start order: begin after `after` rather than walk every earlier request to this URL
            // (a capture of many pushes has thousands of 401s to the same /v2/).
            for (var k = Correlator.FirstAfter(same, after); k < same.Count; k++)
            {
                var index = same[k];
                var retry = exchanges[index];
                if (index <= after || retry.Exchange.Request.Method != challenged.Exchange.Request.Method || !retry.SameClient(challenged))
                {
                    continue;
                }
                if (retry.Start - challenged.End > Window)
                {
                    break;
                }
                if (retry.AuthRetryOf == null)
                {
                    retry.AuthRetryOf = challenged.Index;
                }
                break;
            }
        }
    }
}
