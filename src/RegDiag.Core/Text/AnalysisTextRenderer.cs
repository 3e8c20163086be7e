using RegDiag.Core.Analysis;
using RegDiag.Core.Correlation;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Timeline;

namespace RegDiag.Core.Text;

/// <summary>
/// Renders an analysis for a terminal: the timeline per operation and layer, then every diagnosis with its
/// cause, fix, client wording and evidence, then a summary line. Colour only through <see cref="AnsiStyle"/>.
/// </summary>
public sealed partial class AnalysisTextRenderer(AnsiStyle style, int maxRowsPerLane = 40)
{
    public void Render(AnalysisResult analysis, IReadOnlyList<TimelineSection> timeline, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var section in timeline)
        {
            RenderSection(section, output);
            output.WriteLine();
        }
        RenderDiagnoses(analysis.Diagnoses, output);
        output.WriteLine(Summary(analysis));
    }

    public void RenderSection(TimelineSection section, TextWriter output)
    {
        var outcome = section.Outcome switch
        {
            OperationOutcome.Succeeded => style.Green("ok"),
            OperationOutcome.Failed => style.Red("FAILED"),
            OperationOutcome.Incomplete => style.Yellow("incomplete"),
            _ => "",
        };
        var size = section.Bytes > 0 ? "  " + Units.Bytes(section.Bytes) : "";
        var rate = section.Throughput is { } t ? "  " + Units.Rate(t) : "";
        var where = section.Registry != null ? style.Dim(" @ " + section.Registry) : "";
        output.WriteLine($"{style.Bold(section.Title)}{where}  {outcome}  {Units.Duration(section.DurationMs)}{size}{rate}  {style.Dim(section.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'"))}".TrimEnd());
        if (section.StoppedAt is { } stopped)
        {
            output.WriteLine($"  {style.Red("stopped at")} #{stopped}");
        }
        foreach (var lane in section.Lanes)
        {
            var laneSize = lane.Bytes > 0 ? "  " + Units.Bytes(lane.Bytes) : "";
            output.WriteLine($"  {(lane.Failed ? style.Red(lane.Title) : style.Cyan(lane.Title))}{laneSize}");
            var rows = lane.Rows;
            var head = rows.Count > maxRowsPerLane ? maxRowsPerLane * 3 / 4 : rows.Count;
            for (var i = 0; i < rows.Count; i++)
            {
                if (i == head && rows.Count > maxRowsPerLane)
                {
                    var skipped = rows.Count - head - (maxRowsPerLane - head);
                    output.WriteLine(style.Dim($"    … {skipped} more …"));
                    i += skipped - 1;
                    continue;
                }
                output.WriteLine("    " + RowText(rows[i]));
            }
        }
    }

    public string RowText(TimelineRow row)
    {
        var status = row.Status?.ToString() ?? "---";
        status = row.Failed ? style.Red(status) : (row.Marks & RowMarks.Benign) != 0 ? style.Dim(status)
            : row.Status is >= 300 and < 400 ? style.Cyan(status) : style.Green(status);
        var parts = new List<string>
        {
            style.Dim(("#" + row.Exchange).PadLeft(6)),
            style.Dim(Units.Offset(row.OffsetMs).PadLeft(9)),
            Units.Duration(row.DurationMs).PadLeft(6),
            row.Method.PadRight(6),
            status,
            row.Target,
        };
        if (row.Codes != null)
        {
            parts.Add(row.Failed ? style.Red(row.Codes) : style.Dim(row.Codes));
        }
        if (row.Bytes > 0)
        {
            parts.Add(Units.Bytes(row.Bytes) + (row.Throughput is { } t ? " " + Units.Rate(t) : ""));
        }
        if ((row.Marks & RowMarks.Benign) != 0)
        {
            parts.Add(style.Dim("(expected)"));
        }
        if (row.Note != null)
        {
            parts.Add(style.Dim(row.Note));
        }
        if (row.Diagnosis != null)
        {
            parts.Add(style.Yellow("[" + row.Diagnosis + "]"));
        }
        return string.Join(' ', parts);
    }

    public void RenderDiagnoses(IReadOnlyList<Diagnosis> diagnoses, TextWriter output)
    {
        if (diagnoses.Count == 0)
        {
            output.WriteLine(style.Green("No failures found."));
            return;
        }
        output.WriteLine(style.Bold("Diagnoses"));
        foreach (var d in diagnoses)
        {
            var label = d.Severity switch
            {
                Severity.Error => style.Red("ERROR"),
                Severity.Warning => style.Yellow("WARNING"),
                _ => style.Cyan("INFO"),
            };
            var count = d.Count > 1 ? style.Dim($" ({d.Count}x)") : "";
            output.WriteLine($"{label} {style.Bold(d.Title)}{count} {style.Dim("[" + d.Id + "]")}");
            if (d.Recovered)
            {
                output.WriteLine("  " + style.Dim("a later retry succeeded"));
            }
            Field(output, "cause", d.Cause);
            Field(output, "fix", d.Fix);
            foreach (var client in d.Clients)
            {
                Field(output, "client", $"{client.Client} says: {client.Says}");
            }
            foreach (var e in d.Evidence.Take(3))
            {
                Field(output, "evidence", $"#{e.Exchange} {ShortUrls(e.Request)} -> {ShortUrls(e.Outcome)}");
                foreach (var line in e.Headers.Concat(e.Notes))
                {
                    output.WriteLine("            " + style.Dim(line));
                }
            }
            if (d.Count > 3)
            {
                output.WriteLine("            " + style.Dim($"and {Units.Count(d.Count - 3, "more exchange", "more exchanges")}"));
            }
            if (d.Docs != null)
            {
                Field(output, "docs", d.Docs);
            }
            output.WriteLine();
        }
    }

    public static string Summary(AnalysisResult analysis)
    {
        var operations = analysis.Operations;
        var failed = operations.Count(o => o.Outcome == OperationOutcome.Failed);
        var errors = analysis.Diagnoses.Count(d => d.Severity == Severity.Error);
        var warnings = analysis.Diagnoses.Count(d => d.Severity == Severity.Warning);
        return $"{Units.Count(analysis.Exchanges.Count, "exchange", "exchanges")}, " +
            $"{Units.Count(operations.Count, "operation", "operations")} ({failed} failed), " +
            $"{Units.Count(analysis.Diagnoses.Count, "diagnosis", "diagnoses")} " +
            $"({Units.Count(errors, "error", "errors")}, {Units.Count(warnings, "warning", "warnings")})";
    }

    /// <summary>Long presigned queries drown the point in a terminal; the JSON output keeps them whole.</summary>
    private static string ShortUrls(string text) => LongQuery().Replace(text, "$1?…");

    [System.Text.RegularExpressions.GeneratedRegex(@"(https?://[^\s?]+)\?[^\s]{60,}")]
    private static partial System.Text.RegularExpressions.Regex LongQuery();

    private void Field(TextWriter output, string name, string text) =>
        output.WriteLine($"  {style.Dim((name + ":").PadRight(9))} {text}");
}
