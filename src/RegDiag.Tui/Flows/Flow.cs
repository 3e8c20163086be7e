using RegDiag.Core.Model;

namespace RegDiag.Tui.Flows;

/// <summary>
/// One row of the UI: the captured exchange plus what the decoder says about it, computed once when the
/// exchange enters the store so drawing and filtering never re-parse it. Diagnoses arrive later (they need
/// the exchanges around it) and are set on the UI thread.
/// </summary>
public sealed class Flow
{
    public required Exchange Exchange { get; init; }

    public required HostKind Kind { get; init; }

    /// <summary>Host (with port when not the default) taken from the URL.</summary>
    public required string Host { get; init; }

    /// <summary>Path and query of the URL.</summary>
    public required string PathAndQuery { get; init; }

    /// <summary>The repository the exchange concerns ("group/project"), when known.</summary>
    public string? Repository { get; init; }

    /// <summary>The digest the exchange concerns ("sha256:..."), when known.</summary>
    public string? Digest { get; init; }

    /// <summary>A short name of what the exchange does ("blob HEAD", "token", "S3 HeadObject").</summary>
    public string? Operation { get; init; }

    /// <summary>True for the registry's version check (GET /v2/), which clients send constantly.</summary>
    public bool IsPing { get; init; }

    /// <summary>True when the exchange failed or was answered with an error the user should look at.</summary>
    public bool IsError { get; init; }

    /// <summary>The diagnoses that cite this exchange, most severe first.</summary>
    public IReadOnlyList<DiagnosisNote> Diagnoses { get; set; } = [];

    public long Id => Exchange.Id;

    public int? Status => Exchange.Response?.Status;
}
