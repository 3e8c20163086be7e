using System.Text.Json;
using System.Text.Json.Serialization;
using RegDiag.Core.Redaction;
using RegDiag.Doctor.Checks;

namespace RegDiag.Doctor.Output;

/// <summary>The --json output (schema in docs/doctor.md): the report record, camelCase, statuses in lower case.</summary>
public static class JsonRenderer
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var redacted = report with
        {
            Checks = report.Checks.Select(c => c with
            {
                Finding = Redactor.Default.RedactText(c.Finding),
                Fix = c.Fix == null ? null : Redactor.Default.RedactText(c.Fix),
                Evidence = c.Evidence.Select(Redactor.Default.RedactText).ToList(),
            }).ToList(),
        };
        return JsonSerializer.Serialize(new JsonReport(redacted), Options);
    }

    /// <summary>The report plus the derived fields a script wants without recomputing them.</summary>
    private sealed record JsonReport(
        [property: JsonPropertyOrder(-1)] int SchemaVersion,
        string Tool,
        string Version,
        string? Host,
        DateTimeOffset Started,
        double DurationMs,
        CheckStatus Overall,
        int ExitCode,
        IReadOnlyList<CheckResult> Checks)
    {
        public JsonReport(DoctorReport report)
            : this(report.SchemaVersion, report.Tool, report.Version, report.Host, report.Started, Math.Round(report.DurationMs, 1), report.Overall, report.ExitCode, report.Checks)
        {
        }
    }
}
