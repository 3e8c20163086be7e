using RegDiag.Core.Correlation;
using RegDiag.Core.Decoding;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Model;

namespace RegDiag.Tui.Flows;

/// <summary>
/// One row of the UI: the captured exchange and the decoder's classification of it, computed once when the
/// exchange enters the store so drawing and filtering never re-parse it. What needs the exchanges around it
/// (diagnoses, redirect links, the operation) arrives with each analysis and is set on the UI thread.
/// </summary>
public sealed class Flow
{
    internal Flow(Exchange exchange, Classification classification)
    {
        Exchange = exchange;
        Classification = classification;
        var uri = Uri.TryCreate(exchange.Request.Url, UriKind.Absolute, out var parsed) ? parsed : null;
        Host = uri == null ? "" : uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        PathAndQuery = uri?.PathAndQuery ?? exchange.Request.Url;
        Repository = classification.Registry?.Repository ?? classification.Storage?.Layout?.Repository
            ?? classification.Token?.Scopes.Select(TokenAccess.ParseScope).FirstOrDefault(a => a?.Type == "repository")?.Name;
        Digest = classification.Registry?.Digest ?? classification.Storage?.Layout?.Digest
            ?? exchange.Response?.Headers.Get("Docker-Content-Digest");
        IsError = exchange.Error != null || exchange.Response is not { Status: < 400 };
    }

    public Exchange Exchange { get; }

    public Classification Classification { get; }

    public HostKind Kind => Classification.Kind;

    public Operation Operation => Classification.Operation;

    /// <summary>Host (with port when not the default) taken from the URL.</summary>
    public string Host { get; }

    /// <summary>Path and query of the URL.</summary>
    public string PathAndQuery { get; }

    /// <summary>The repository the exchange concerns ("group/project"), when known.</summary>
    public string? Repository { get; }

    /// <summary>The digest the exchange concerns ("sha256:..."), when known.</summary>
    public string? Digest { get; }

    /// <summary>The registry's version check (GET /v2/), which clients send constantly.</summary>
    public bool IsPing => Operation == Operation.Ping;

    /// <summary>
    /// Whether the user should look at it. Until the first analysis: any failure. After: a transport error,
    /// a 5xx, what a warning or error diagnosis cites, or where an operation stopped; the protocol's normal
    /// 401 challenges and 404 existence checks are not errors.
    /// </summary>
    public bool IsError { get; internal set; }

    /// <summary>The diagnoses that cite this exchange, most severe first.</summary>
    public IReadOnlyList<Diagnosis> Diagnoses { get; internal set; } = [];

    /// <summary>The exchange as the last analysis saw it (redirect and auth links), or null before one.</summary>
    public AnalyzedExchange? Analyzed { get; internal set; }

    public long Id => Exchange.Id;

    public int? Status => Exchange.Response?.Status;
}
