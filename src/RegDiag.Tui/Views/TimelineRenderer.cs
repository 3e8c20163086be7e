using RegDiag.Core.Analysis;
using RegDiag.Core.Correlation;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Redaction;
using RegDiag.Core.Text;
using RegDiag.Core.Timeline;

namespace RegDiag.Tui.Views;

/// <summary>
/// The timeline pane's text: the decoder's timeline (each push or pull of repo:tag, per layer the sequence of
/// exchanges with sizes and throughput, failures marked with their diagnosis) as <c>regdiag analyze</c>
/// prints it, each operation headed by its progress.
/// </summary>
internal static class TimelineRenderer
{
    public static string Render(AnalysisResult? analysis, int flowCount)
    {
        if (analysis == null || analysis.Exchanges.Count == 0)
        {
            return flowCount == 0 ? "waiting for exchanges…" : "analysing…";
        }
        var renderer = new AnalysisTextRenderer(AnsiStyle.Plain, maxRowsPerLane: 12);
        using var text = new StringWriter();
        foreach (var section in TimelineBuilder.Build(analysis, Redactor.Default))
        {
            if (section.Operation is { } id && id >= 0 && id < analysis.Operations.Count)
            {
                text.WriteLine(Progress(analysis.Operations[id]));
            }
            renderer.RenderSection(section, text);
            text.WriteLine();
        }
        foreach (var diagnosis in analysis.Diagnoses.Where(d => d.Severity >= Severity.Warning))
        {
            text.WriteLine($"✖ {diagnosis.Title}");
        }
        return text.ToString().TrimEnd();
    }

    private static string Progress(OperationGroup operation)
    {
        var mark = operation.Outcome switch
        {
            OperationOutcome.Succeeded => "✔",
            OperationOutcome.Failed => "✖",
            _ => "…",
        };
        var failed = operation.Layers.Count(l => l.Failed);
        return $"{mark} {operation.Kind.ToString().ToLowerInvariant()} {operation.Repository}:{operation.Reference ?? "?"} · "
            + $"{operation.Layers.Count} layers{(failed > 0 ? $", {failed} failed" : "")} · {FlowFormat.Size(operation.Bytes)}";
    }
}
