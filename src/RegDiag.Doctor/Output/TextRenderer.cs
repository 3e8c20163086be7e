using RegDiag.Core.Text;
using RegDiag.Doctor.Checks;

namespace RegDiag.Doctor.Output;

/// <summary>The human-readable result: one small table per check (status, finding, fix, evidence), then a summary.</summary>
public static class TextRenderer
{
    public static void Write(DoctorReport report, TextWriter output, AnsiStyle style)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(style);
        output.WriteLine(style.Bold($"regdiag doctor {report.Host ?? "(offline checks)"}") + style.Dim($"  {report.Started:yyyy-MM-dd HH:mm:ss} UTC, {report.DurationMs / 1000:0.00} s"));
        foreach (var check in report.Checks)
        {
            output.WriteLine();
            output.WriteLine($"{Badge(check.Status, style)} {style.Bold(check.Id)}  {check.Title}{style.Dim($"  ({check.DurationMs:0} ms)")}");
            Row(output, style, "finding", check.Finding);
            if (check.Fix != null)
            {
                Row(output, style, "fix", check.Fix);
            }
            for (var i = 0; i < check.Evidence.Count; i++)
            {
                Row(output, style, i == 0 ? "evidence" : "", style.Dim(check.Evidence[i]));
            }
        }
        output.WriteLine();
        var counts = Enum.GetValues<CheckStatus>().Select(s => (s, n: report.Checks.Count(c => c.Status == s)));
        output.WriteLine(string.Join(", ", counts.Select(c => $"{c.n} {Word(c.s)}")) + $"  ->  {Badge(report.Overall, style)}");
    }

    private static void Row(TextWriter output, AnsiStyle style, string label, string text) =>
        output.WriteLine($"  {style.Dim(label.PadRight(9))}│ {text}");

    private static string Word(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "passed",
        CheckStatus.Warn => "warned",
        CheckStatus.Fail => "failed",
        _ => "skipped",
    };

    private static string Badge(CheckStatus status, AnsiStyle style) => status switch
    {
        CheckStatus.Pass => style.Green("[PASS]"),
        CheckStatus.Warn => style.Yellow("[WARN]"),
        CheckStatus.Fail => style.Red("[FAIL]"),
        _ => style.Dim("[SKIP]"),
    };
}
