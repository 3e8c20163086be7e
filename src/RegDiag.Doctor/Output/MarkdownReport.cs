using System.Runtime.InteropServices;
using System.Text;
using RegDiag.Core.Redaction;
using RegDiag.Doctor.Checks;

namespace RegDiag.Doctor.Output;

/// <summary>--report FILE.md: everything a support ticket needs (versions, OS, time, every check), redacted.</summary>
public static class MarkdownReport
{
    public static string Render(DoctorReport report, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(arguments);
        var md = new StringBuilder();
        md.AppendLine($"# regdiag doctor report: {report.Host ?? "offline checks"}");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| result | **{report.Overall.ToString().ToUpperInvariant()}** (exit {report.ExitCode}) |");
        md.AppendLine($"| time | {report.Started:yyyy-MM-dd HH:mm:ss} UTC, took {report.DurationMs / 1000:0.00} s |");
        md.AppendLine($"| regdiag | {report.Version} |");
        md.AppendLine($"| runtime | {RuntimeInformation.FrameworkDescription} |");
        md.AppendLine($"| OS | {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}) |");
        md.AppendLine($"| command | `regdiag doctor {Cell(Redactor.Default.RedactText(string.Join(' ', arguments)))}` |");
        md.AppendLine();
        md.AppendLine("## Summary");
        md.AppendLine();
        md.AppendLine("| check | status | finding |");
        md.AppendLine("|---|---|---|");
        foreach (var check in report.Checks)
        {
            md.AppendLine($"| {check.Id} | {check.Status.ToString().ToLowerInvariant()} | {Cell(Redactor.Default.RedactText(check.Finding))} |");
        }
        foreach (var check in report.Checks)
        {
            md.AppendLine();
            md.AppendLine($"## {check.Id}: {check.Title} ({check.Status.ToString().ToLowerInvariant()})");
            md.AppendLine();
            md.AppendLine($"**Finding:** {Redactor.Default.RedactText(check.Finding)}");
            if (check.Fix != null)
            {
                md.AppendLine();
                md.AppendLine($"**Fix:** {Redactor.Default.RedactText(check.Fix)}");
            }
            if (check.Evidence.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("```");
                foreach (var line in check.Evidence)
                {
                    md.AppendLine(Redactor.Default.RedactText(line).Replace("```", "'''", StringComparison.Ordinal));
                }
                md.AppendLine("```");
            }
        }
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
