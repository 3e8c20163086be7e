using System.Collections.Concurrent;
using RegDiag.Core.Correlation;
using RegDiag.Core.Decoding;
using RegDiag.Core.Http;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Model;

namespace RegDiag.Core.Analysis;

/// <summary>
/// The decoder's entry point: classify every exchange, correlate them, diagnose with the knowledge base.
/// <code>
/// exchanges ─► sort by start ─► Classifier ─► Correlator (redirects, auth, retries, uploads, both sides,
///                                              operations) ─► DiagnosisEngine (knowledge base) ─► AnalysisResult
/// </code>
/// </summary>
public static class Analyzer
{
    private const int ProgressEvery = 10_000;

    public static AnalysisResult Analyze(IEnumerable<Exchange> exchanges, AnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        options ??= AnalyzerOptions.Default;
        // The knowledge base (the embedded signatures.json takes ~40 ms to load) loads while the capture is read.
        var knowledgeBase = Task.Run(() => options.KnowledgeBase);
        var list = new List<Exchange>();
        foreach (var exchange in exchanges)
        {
            list.Add(exchange);
            if (list.Count % ProgressEvery == 0)
            {
                options.Progress?.Report(list.Count);
            }
        }
        var ordered = ByStart(list);
        // Hosts, origins, repositories and digests repeat across a capture: one string of each is kept.
        var strings = new SharedStrings();
        var urls = new UrlParts?[ordered.Count];
        Parallel.ForEach(Partitioner.Create(0, ordered.Count, 4096), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                urls[i] = UrlParts.Parse(ordered[i].Request.Url, strings);
            }
        });
        var classifications = new Classifier(strings).ClassifyAll(ordered, urls);
        var analyzed = new AnalyzedExchange[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            analyzed[i] = new AnalyzedExchange(i, ordered[i], classifications[i], urls[i]);
        }
        var correlation = Correlator.Run(analyzed);
        var diagnoses = DiagnosisEngine.Diagnose(analyzed, correlation, knowledgeBase.GetAwaiter().GetResult(), options.Redactor);
        return new AnalysisResult(analyzed, correlation, diagnoses);
    }

    /// <summary>
    /// In start order; exchanges starting in the same millisecond keep their capture order (a stable sort).
    /// Captures are nearly always in order already, which is checked first.
    /// </summary>
    private static List<Exchange> ByStart(List<Exchange> exchanges)
    {
        for (var i = 1; i < exchanges.Count; i++)
        {
            if (exchanges[i].Timings.Started < exchanges[i - 1].Timings.Started)
            {
                return exchanges.OrderBy(e => e.Timings.Started).ToList();
            }
        }
        return exchanges;
    }
}
