using System.Security.Cryptography;
using System.Text;
using RegDiag.Core.Model;

namespace RegDiag.Testing.Exchanges;

/// <summary>
/// Builds exchanges for tests, as the proxy records them (compare mitmproxy's test/tflow.py): one call per
/// exchange, times given as milliseconds after a fixed start.
/// </summary>
public static class X
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    public static Exchange Ex(
        long id,
        string method,
        string url,
        int? status,
        double atMs = 0,
        double durationMs = 10,
        IEnumerable<(string, string)>? request = null,
        IEnumerable<(string, string)>? response = null,
        string? requestText = null,
        string? requestContentType = null,
        string? responseText = null,
        string? responseContentType = null,
        long? requestSize = null,
        string? requestSha256 = null,
        ExchangeError? error = null,
        string? client = "127.0.0.1:40000") => new()
    {
        Id = id,
        ClientAddress = client,
        ConnectionId = "c" + id,
        Source = "proxy",
        Request = new RequestRecord
        {
            Method = method,
            Url = url,
            Headers = Headers(request),
            Body = Body(requestText, requestContentType, requestSize, requestSha256),
        },
        Response = status is { } s
            ? new ResponseRecord
            {
                Status = s,
                Reason = ReasonPhrase(s),
                Headers = Headers(response, responseContentType),
                Body = Body(responseText, responseContentType, null, null),
            }
            : null,
        Error = error,
        Timings = new ExchangeTimings
        {
            Started = T0.AddMilliseconds(atMs),
            RequestSentMs = durationMs / 4,
            FirstResponseByteMs = status is null ? null : durationMs / 2,
            EndMs = durationMs,
        },
    };

    public static string Sha256(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static List<Header> Headers(IEnumerable<(string, string)>? headers, string? contentType = null)
    {
        var list = (headers ?? []).Select(h => new Header(h.Item1, h.Item2)).ToList();
        if (contentType != null && list.Get("Content-Type") == null)
        {
            list.Add(new Header("Content-Type", contentType));
        }
        return list;
    }

    private static BodyRecord Body(string? text, string? contentType, long? size, string? sha256) =>
        text == null && size == null
            ? BodyRecord.Empty
            : new BodyRecord
            {
                Size = size ?? Encoding.UTF8.GetByteCount(text!),
                Sha256 = sha256 ?? (text != null ? Sha256(text) : null),
                ContentType = contentType,
                Text = text,
            };

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK", 201 => "Created", 202 => "Accepted", 204 => "No Content", 307 => "Temporary Redirect",
        400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found",
        413 => "Request Entity Too Large", 416 => "Range Not Satisfiable", 500 => "Internal Server Error",
        503 => "Service Unavailable", _ => "",
    };
}
