using System.Text.Json.Serialization;
using RegDiag.Core.Model;

namespace RegDiag.Doctor.Checks;

/// <summary>The result of one doctor run, as rendered to the table, the JSON and the markdown report.</summary>
public sealed record DoctorReport
{
    public int SchemaVersion { get; init; } = 1;

    public required string Tool { get; init; }

    public required string Version { get; init; }

    public string? Host { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required double DurationMs { get; init; }

    public required IReadOnlyList<CheckResult> Checks { get; init; }

    /// <summary>The probe push's exchanges (for --save); not part of the JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<Exchange> Exchanges { get; init; } = [];

    public CheckStatus Overall =>
        Checks.Any(c => c.Status == CheckStatus.Fail) ? CheckStatus.Fail
        : Checks.Any(c => c.Status == CheckStatus.Warn) ? CheckStatus.Warn
        : CheckStatus.Pass;

    /// <summary>0 when nothing failed (warnings allowed), 1 when a check failed.</summary>
    public int ExitCode => Overall == CheckStatus.Fail ? 1 : 0;
}
