using System.Text;
using RegDiag.Core.Analysis;
using RegDiag.Core.Correlation;
using RegDiag.Core.Decoding;
using RegDiag.Core.Knowledge;

namespace RegDiag.Tui.Views;

/// <summary>
/// The timeline pane's text, from the decoder's operations: each push or pull of repo:tag with its outcome,
/// progress (bytes, layers done) and throughput, each layer with the sequence of exchanges it went through,
/// and where it stopped with the headline of the diagnosis that explains it.
/// </summary>
internal static class TimelineRenderer
{
    public static string Render(AnalysisResult? analysis, int flowCount)
    {
        if (analysis == null || analysis.Operations.Count == 0)
        {
            return flowCount == 0 ? "waiting for exchanges…" : "no push or pull recognised yet";
        }
        var text = new StringBuilder();
        foreach (var operation in analysis.Operations)
        {
            Render(text, operation, analysis);
            text.AppendLine();
        }
        var unexplained = analysis.Diagnoses.Where(d => d.Evidence.All(e => e.Operation == null) && d.Severity >= Severity.Warning).ToList();
        foreach (var diagnosis in unexplained)
        {
            text.Append("✖ ").AppendLine(diagnosis.Title);
        }
        return text.ToString().TrimEnd();
    }

    private static void Render(StringBuilder text, OperationGroup operation, AnalysisResult analysis)
    {
        var exchanges = analysis.Exchanges;
        var mark = operation.Outcome switch
        {
            OperationOutcome.Succeeded => "✔",
            OperationOutcome.Failed => "✖",
            _ => "…",
        };
        text.Append(mark).Append(' ').Append(operation.Kind.ToString().ToLowerInvariant()).Append(' ');
        text.Append(operation.Repository).Append(':').Append(operation.Reference ?? "?");
        text.Append("  ").AppendLine(operation.Outcome.ToString().ToLowerInvariant());
        var seconds = Math.Max((operation.End - operation.Start).TotalSeconds, 0.001);
        var done = operation.Layers.Count(l => !l.Failed && l.Exchanges.Any(i => exchanges[i].Status is >= 200 and < 300));
        text.Append("  ").Append(operation.Registry).Append(" · ").Append(operation.Exchanges.Count).Append(" exchanges · layers ");
        text.Append(done).Append('/').Append(operation.Layers.Count).Append(" · ").Append(FlowFormat.Size(operation.Bytes));
        text.Append(" in ").Append(FlowFormat.Duration(seconds * 1000)).Append(" · ").AppendLine(FlowFormat.Rate(operation.Bytes / seconds));
        foreach (var layer in operation.Layers)
        {
            text.Append(layer.Failed ? "  ✖ " : "    ").Append(ShortDigest(layer.Digest)).Append(' ');
            text.AppendLine(string.Join(" → ", layer.Exchanges.Select(i => Step(exchanges[i]))));
        }
        if (operation.Manifests.Count > 0)
        {
            text.Append("    manifest ").AppendLine(string.Join(" → ", operation.Manifests.Select(i => Step(exchanges[i]))));
        }
        if (operation.StoppedAt is { } stopped)
        {
            var exchange = exchanges[stopped];
            text.Append("  stopped at #").Append(exchange.Exchange.Id).Append(' ').Append(exchange.Exchange.Request.Method);
            text.Append(' ').Append(exchange.Classification.Operation).Append(' ').AppendLine(Outcome(exchange));
            foreach (var diagnosis in analysis.Diagnoses.Where(d => d.Evidence.Any(e => e.Exchange == exchange.Exchange.Id)))
            {
                text.Append("  ✖ ").AppendLine(diagnosis.Title);
            }
        }
    }

    private static string Step(AnalyzedExchange exchange) =>
        $"{exchange.Exchange.Request.Method}{(exchange.Classification.Kind == HostKind.Storage ? "(s3)" : "")} {Outcome(exchange)}";

    private static string Outcome(AnalyzedExchange exchange) =>
        exchange.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? exchange.Exchange.Error?.Kind.ToString() ?? "…";

    private static string ShortDigest(string digest) => digest.Length > 19 ? digest[..19] + "…" : digest;
}
