using RegDiag.Core.Decoding;
using RegDiag.Core.Model;

namespace RegDiag.Core.Correlation;

/// <summary>
/// Links each 3xx with the request that followed its Location: the first later request from the same
/// client to exactly that URL, within <see cref="Window"/>. Works across hosts (registry -> S3 -> CDN).
/// </summary>
internal static class RedirectLinker
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    public static void Link(IReadOnlyList<AnalyzedExchange> exchanges, IReadOnlyDictionary<string, List<int>> byUrl)
    {
        foreach (var exchange in exchanges)
        {
            if (exchange.Status is not (>= 300 and < 400) || exchange.Exchange.Response!.Headers.Get("Location") is not { } location)
            {
                continue;
            }
            var target = Classifier.Resolve(exchange.Exchange.Request.Url, location);
            if (!byUrl.TryGetValue(target, out var candidates))
            {
                continue;
            }
            for (var k = Correlator.FirstAfter(candidates, exchange.Index); k < candidates.Count; k++)
            {
                var index = candidates[k];
                var next = exchanges[index];
                if (index <= exchange.Index || next.RedirectedFrom != null || !next.SameClient(exchange))
                {
                    continue;
                }
                if (next.Start - exchange.Start > Window)
                {
                    break;
                }
                next.RedirectedFrom = exchange.Index;
                exchange.RedirectedTo = index;
                break;
            }
        }
    }
}
