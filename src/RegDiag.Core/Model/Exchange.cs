namespace RegDiag.Core.Model;

/// <summary>
/// One HTTP request and its response, or the failure in its place. The single model that the proxy,
/// HAR import, doctor's probe push, the decoder and every view share (compare mitmproxy's HTTPFlow).
/// A transport failure lives in <see cref="Error"/>; an HTTP 500 is an ordinary <see cref="Response"/>.
/// </summary>
public sealed record Exchange
{
    /// <summary>Sequence number, unique within one capture session, in order of completion.</summary>
    public required long Id { get; init; }

    /// <summary>The client's address as the proxy saw it ("127.0.0.1:53422"), when known.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>Identifies the client connection (or tunnel) the exchange travelled on, when known.</summary>
    public string? ConnectionId { get; init; }

    public required RequestRecord Request { get; init; }

    public ResponseRecord? Response { get; init; }

    public ExchangeError? Error { get; init; }

    public required ExchangeTimings Timings { get; init; }

    /// <summary>Where the exchange came from: "proxy", "har", "probe", ...</summary>
    public string? Source { get; init; }
}
