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
        var list = new List<Exchange>();
        foreach (var exchange in exchanges)
        {
            list.Add(exchange);
            if (list.Count % ProgressEvery == 0)
            {
                options.Progress?.Report(list.Count);
            }
        }
        // Stable: exchanges starting in the same millisecond keep their capture order.
        var ordered = list.Select((e, i) => (e, i)).OrderBy(p => p.e.Timings.Started).ThenBy(p => p.i).Select(p => p.e).ToList();
        var classifier = new Classifier();
        var analyzed = new AnalyzedExchange[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            var url = UrlParts.Parse(ordered[i].Request.Url);
            analyzed[i] = new AnalyzedExchange(i, ordered[i], classifier.Classify(ordered[i], url), url);
        }
        var correlation = Correlator.Run(analyzed);
        var diagnoses = DiagnosisEngine.Diagnose(analyzed, correlation, options.KnowledgeBase, options.Redactor);
        return new AnalysisResult(analyzed, correlation, diagnoses);
    }
}
