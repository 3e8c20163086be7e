using RegDiag.Core.Decoding;
using RegDiag.Core.Http;
using RegDiag.Core.Model;

namespace RegDiag.Core.Correlation;

/// <summary>
/// An exchange with what the decoder and the correlators found about it: its classification and its links
/// to other exchanges, by <see cref="Index"/> (position in start order within one analysis).
/// </summary>
public sealed class AnalyzedExchange
{
    internal AnalyzedExchange(int index, Exchange exchange, Classification classification, UrlParts? url = null)
    {
        Index = index;
        Exchange = exchange;
        Classification = classification;
        _url = url;
    }

    private UrlParts? _url;

    /// <summary>The request URL's parts, parsed once.</summary>
    internal UrlParts? Url => _url ??= UrlParts.Parse(Exchange.Request.Url);

    public int Index { get; }

    public Exchange Exchange { get; }

    public Classification Classification { get; }

    public DateTimeOffset Start => Exchange.Timings.Started;

    public DateTimeOffset End => Exchange.Timings.Started.AddMilliseconds(Exchange.Timings.DurationMs);

    public int? Status => Exchange.Response?.Status;

    /// <summary>A transport error, or an HTTP status of 400 and above.</summary>
    public bool Failed => Exchange.Error != null || Exchange.Response is null || Exchange.Response.Status >= 400;

    /// <summary>The 3xx this request followed.</summary>
    public int? RedirectedFrom { get; internal set; }

    /// <summary>The request that followed this 3xx.</summary>
    public int? RedirectedTo { get; internal set; }

    /// <summary>For a token fetch: the 401 challenge that caused it.</summary>
    public int? TokenFor { get; internal set; }

    /// <summary>For a request repeated after a 401 and a token fetch: the 401'd original.</summary>
    public int? AuthRetryOf { get; internal set; }

    /// <summary>
    /// For a repeat of an earlier failed request (same client, method and URL): that request. For a step of a
    /// blob upload started again after a failed one (<see cref="UploadRestartLinker"/>): the failed step it re-did.
    /// </summary>
    public int? RetryOf { get; internal set; }

    /// <summary>For the registry's own storage call: the client request it served.</summary>
    public int? ServedRequest { get; internal set; }

    /// <summary>For a client request: the storage calls the registry made while serving it.</summary>
    public IReadOnlyList<int> StorageCalls => _storageCalls ?? (IReadOnlyList<int>)[];

    /// <summary>The registry upload session (its id) this request belongs to.</summary>
    public string? UploadSession { get; internal set; }

    /// <summary>The push/pull operation this exchange belongs to (an index into the analysis' operations).</summary>
    public int? OperationGroup { get; internal set; }

    /// <summary>The layer or manifest digest this exchange moved or checked.</summary>
    public string? Digest { get; internal set; }

    private List<int>? _storageCalls;

    internal void AddStorageCall(int index) => (_storageCalls ??= []).Add(index);

    private string? _clientHost;

    /// <summary>The client's host (without port), or null: redirects and retries are matched per client.</summary>
    internal string? ClientHost => Exchange.ClientAddress is { } address ? _clientHost ??= HostOf(address) : null;

    private static string HostOf(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && address.IndexOf(':') == colon ? address[..colon] : address.StartsWith('[') ? address[..(address.IndexOf(']') + 1)] : address;
    }

    internal bool SameClient(AnalyzedExchange other) =>
        ClientHost is not { } a || other.ClientHost is not { } b || a == b;

    public override string ToString() => $"#{Exchange.Id} {Exchange.Request.Method} {Exchange.Request.Url} {Status}";
}
