using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using RegDiag.Core.Har;
using RegDiag.Core.Model;

namespace RegDiag.Doctor.Probe;

/// <summary>
/// Records every request that passes as an <see cref="Exchange"/> (headers, body sizes and hashes, bounded
/// text bodies, timings, or the transport error in place of a response) and hands it to a sink. Response
/// bodies are buffered, which suits the probe's small blobs and JSON answers; request bodies too, except a
/// <see cref="GeneratedContent"/>, which is streamed and recorded by what it sent.
/// </summary>
public sealed class RecordingHandler(HttpMessageHandler inner, Action<Exchange> sink, string source) : DelegatingHandler(inner)
{
    private static long _nextId;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        // A generated body is streamed, never buffered: what went out is known only after the send.
        var generated = request.Content as GeneratedContent;
        byte[] requestBody = request.Content == null || generated != null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var requestRecord = new RequestRecord
        {
            Method = request.Method.Method,
            Url = request.RequestUri!.OriginalString,
            HttpVersion = $"HTTP/{request.Version}",
            Headers = Headers(request.Headers, request.Content?.Headers),
            Body = Body(requestBody, request.Content?.Headers),
        };
        RequestRecord Sent() => generated == null ? requestRecord : requestRecord with
        {
            Body = new BodyRecord { Size = generated.Sent, Sha256 = generated.Sha256, ContentType = generated.Headers.ContentType?.ToString() },
        };
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            sink(new Exchange
            {
                Id = Interlocked.Increment(ref _nextId),
                Request = Sent(),
                Error = new ExchangeError(Classify(e, cancellationToken), e.InnerException?.Message ?? e.Message),
                Timings = new ExchangeTimings { Started = started, EndMs = clock.Elapsed.TotalMilliseconds },
                Source = source,
            });
            throw;
        }
        var firstByte = clock.Elapsed.TotalMilliseconds;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        sink(new Exchange
        {
            Id = Interlocked.Increment(ref _nextId),
            Request = Sent(),
            Response = new ResponseRecord
            {
                Status = (int)response.StatusCode,
                Reason = response.ReasonPhrase,
                HttpVersion = $"HTTP/{response.Version}",
                Headers = Headers(response.Headers, response.Content.Headers),
                Body = Body(responseBody, response.Content.Headers),
            },
            Timings = new ExchangeTimings
            {
                Started = started,
                RequestSentMs = firstByte,
                FirstResponseByteMs = firstByte,
                EndMs = clock.Elapsed.TotalMilliseconds,
            },
            Source = source,
        });
        return response;
    }

    private static ExchangeErrorKind Classify(Exception e, CancellationToken cancellationToken)
    {
        if (e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ExchangeErrorKind.UpstreamTimeout;
        }
        return e.InnerException switch
        {
            AuthenticationException => ExchangeErrorKind.UpstreamTls,
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => ExchangeErrorKind.UpstreamDns,
            SocketException => ExchangeErrorKind.UpstreamConnect,
            IOException => ExchangeErrorKind.UpstreamReset,
            _ => ExchangeErrorKind.Other,
        };
    }

    private static List<Header> Headers(System.Net.Http.Headers.HttpHeaders headers, System.Net.Http.Headers.HttpContentHeaders? content)
    {
        var list = new List<Header>();
        foreach (var (name, values) in headers.NonValidated)
        {
            list.AddRange(values.Select(v => new Header(name, v)));
        }
        if (content != null)
        {
            foreach (var (name, values) in content.NonValidated)
            {
                list.AddRange(values.Select(v => new Header(name, v)));
            }
        }
        return list;
    }

    private static BodyRecord Body(byte[] body, System.Net.Http.Headers.HttpContentHeaders? headers)
    {
        var contentType = headers?.ContentType?.ToString();
        if (body.Length == 0)
        {
            return BodyRecord.Empty with { ContentType = contentType };
        }
        var textual = TextualContent.IsTextualBody(contentType, headers == null ? null : string.Join(", ", headers.ContentEncoding));
        var kept = Math.Min(body.Length, BodyRecord.TextLimit);
        return new BodyRecord
        {
            Size = body.Length,
            Sha256 = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)),
            ContentType = contentType,
            Text = textual ? Encoding.UTF8.GetString(body, 0, kept) : null,
            TextTruncated = textual && kept < body.Length,
        };
    }
}
