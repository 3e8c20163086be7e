using System.Diagnostics;
using System.Net.Http.Headers;
using RegDiag.Core.Model;

namespace RegDiag.Proxy.Recording;

/// <summary>
/// Collects what is known of one exchange while it is in flight (request head, body taps, response head,
/// timings, failure) and turns it into an <see cref="Exchange"/> at the end.
/// </summary>
internal sealed class ExchangeRecorder
{
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private double? _requestSentMs;
    private double? _firstResponseByteMs;

    public ExchangeRecorder(RequestRecord request, string? clientAddress, string? connectionId)
    {
        Request = request;
        ClientAddress = clientAddress;
        ConnectionId = connectionId;
    }

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public RequestRecord Request { get; set; }

    public string? ClientAddress { get; }

    public string? ConnectionId { get; }

    public BodyTap? RequestBody { get; set; }

    public BodyTap? ResponseBody { get; set; }

    public ResponseRecord? Response { get; private set; }

    public ExchangeError? Error { get; private set; }

    public void MarkRequestSent() => _requestSentMs ??= ElapsedMs();

    public void SetResponse(ResponseRecord response)
    {
        _firstResponseByteMs ??= ElapsedMs();
        Response = response;
    }

    /// <summary>Keeps the first failure: later ones are consequences of it.</summary>
    public void Fail(ExchangeError error) => Error ??= error;

    public Exchange Build(long id)
    {
        var end = ElapsedMs();
        var request = RequestBody == null ? Request : Request with { Body = RequestBody.ToRecord() };
        var response = Response == null || ResponseBody == null ? Response : Response with { Body = ResponseBody.ToRecord() };
        return new Exchange
        {
            Id = id,
            ClientAddress = ClientAddress,
            ConnectionId = ConnectionId,
            Request = request,
            Response = response,
            Error = Error,
            Timings = new ExchangeTimings
            {
                Started = Started,
                RequestSentMs = _requestSentMs,
                FirstResponseByteMs = _firstResponseByteMs,
                EndMs = end,
            },
            Source = "proxy",
        };
    }

    public static string VersionText(Version version) => version.Major >= 2 ? $"HTTP/{version.Major}" : $"HTTP/{version.Major}.{version.Minor}";

    /// <summary>Response headers as the upstream sent them, one entry per value.</summary>
    public static List<Header> HeadersOf(HttpResponseMessage response)
    {
        var headers = new List<Header>();
        Add(headers, response.Headers);
        Add(headers, response.Content.Headers);
        return headers;
    }

    private static void Add(List<Header> list, HttpHeaders headers)
    {
        foreach (var header in headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                list.Add(new Header(header.Key, value));
            }
        }
    }

    private double ElapsedMs() => Math.Round(Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds, 3);
}
