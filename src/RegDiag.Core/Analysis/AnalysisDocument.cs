using System.Text.Json.Serialization;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Timeline;

namespace RegDiag.Core.Analysis;

/// <summary>
/// The <c>regdiag analyze --json</c> document. Stable: fields are only ever added; a change that breaks
/// readers raises <see cref="SchemaVersion"/>. Described field by field in docs/analyze-json.md.
/// </summary>
public sealed record AnalysisDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The file analysed, as given.</summary>
    public string? File { get; init; }

    public required AnalysisSummary Summary { get; init; }

    public required IReadOnlyList<Diagnosis> Diagnoses { get; init; }

    /// <summary>Timeline sections: one per push/pull, then the traffic that belongs to none.</summary>
    [JsonConverter(typeof(ParallelListConverter<TimelineSection>))]
    public required IReadOnlyList<TimelineSection> Operations { get; init; }

    public required IReadOnlyList<UploadRecord> Uploads { get; init; }

    [JsonConverter(typeof(ParallelListConverter<ExchangeRecord>))]
    public required IReadOnlyList<ExchangeRecord> Exchanges { get; init; }
}

public sealed record AnalysisSummary(
    int Exchanges, int Operations, int FailedOperations, int Diagnoses, int Errors, int Warnings, bool HasErrors);

public sealed record UploadRecord(string Id, string? Repository, string? Digest, long BytesSent, string Outcome, IReadOnlyList<long> Exchanges);

/// <summary>One exchange as decoded, its links given as exchange ids. The URL is redacted.</summary>
public sealed record ExchangeRecord
{
    public required long Id { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required double DurationMs { get; init; }

    public required string Method { get; init; }

    public required string Url { get; init; }

    public int? Status { get; init; }

    public string? Error { get; init; }

    public required string Kind { get; init; }

    public required string Operation { get; init; }

    public string? Repository { get; init; }

    public string? Reference { get; init; }

    public string? Digest { get; init; }

    public string? StorageProvider { get; init; }

    public IReadOnlyList<string>? Codes { get; init; }

    public long RequestBytes { get; init; }

    public long ResponseBytes { get; init; }

    public string? RequestSha256 { get; init; }

    public int? OperationGroup { get; init; }

    public string? UploadSession { get; init; }

    public long? RedirectedFrom { get; init; }

    public long? RetryOf { get; init; }

    public long? AuthRetryOf { get; init; }

    public long? TokenFor { get; init; }

    public long? ServedRequest { get; init; }

    public IReadOnlyList<long>? StorageCalls { get; init; }
}
