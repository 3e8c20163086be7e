using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using RegDiag.Core.Model;
using RegDiag.Proxy.Certificates;
using RegDiag.Proxy.Recording;
using RegDiag.Proxy.Transport;

namespace RegDiag.Proxy.Connect;

/// <summary>
/// Kestrel connection middleware that gives Kestrel the CONNECT support it lacks.
/// <code>
///  client ── CONNECT host:443 ──► [this middleware] ── 200 ──► client
///  client ══ TLS (leaf for SNI) ══► SslStream ── pipes ──► Kestrel HTTP/1.1 or h2 ──► ForwardingHandler ──► upstream
///  client ── GET http://host/x ──► (bytes pushed back) ──► Kestrel ──► ForwardingHandler ──► upstream
/// </code>
/// Kestrel's UseHttps cannot be used (it would apply to every connection, plain-http proxying included), so
/// this middleware does its own handshake with its own timeouts and catches its own failures.
/// </summary>
internal sealed class ConnectMiddleware
{
    private static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(15);

    private readonly LeafCertificateCache _certificates;
    private readonly HostGlobs _globs;
    private readonly ExchangePublisher _publisher;

    public ConnectMiddleware(LeafCertificateCache certificates, HostGlobs globs, ExchangePublisher publisher)
    {
        _certificates = certificates;
        _globs = globs;
        _publisher = publisher;
    }

    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        ProxyRequestHead? head;
        try
        {
            head = await ReadConnectHeadAsync(connection);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ConnectionResetException or InvalidOperationException)
        {
            return; // The client went away or sent nothing in time: nothing to record, nothing to answer.
        }
        catch (HeadRejectedException rejected)
        {
            await RespondAndRecordAsync(connection, null, ProxyFailure.BadRequest(rejected.Message));
            return;
        }
        if (head == null)
        {
            await next(connection);
            return;
        }
        if (!ConnectTarget.TryParse(head.Target, out var host, out var port))
        {
            await RespondAndRecordAsync(connection, head,
                ProxyFailure.BadRequest($"CONNECT target '{head.Target}' is not host:port"));
            return;
        }
        if (!_globs.ShouldIntercept(host))
        {
            await new PassthroughTunnel(connection, head, host, port, _publisher).RunAsync();
            return;
        }
        await InterceptAsync(connection, next, head, host, port);
    }

    /// <summary>
    /// After the 200, looks at the tunnel's first byte without consuming it: a TLS handshake record starts with
    /// 0x16; anything else is a client speaking plain HTTP inside the tunnel (curl --proxytunnel http://...).
    /// </summary>
    private static async Task<bool?> StartsWithTlsAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var input = connection.Transport.Input;
        var result = await input.ReadAsync(cancellationToken);
        if (result.Buffer.IsEmpty)
        {
            input.AdvanceTo(result.Buffer.End);
            return null; // closed without a byte
        }
        var tls = result.Buffer.FirstSpan[0] == 0x16;
        input.AdvanceTo(result.Buffer.Start);
        return tls;
    }

    private async Task<ProxyRequestHead?> ReadConnectHeadAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(HeadTimeout);
        while (true)
        {
            var result = await input.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            switch (ProxyRequestHead.TryRead(buffer, out var end, out var head))
            {
                case ProxyRequestHead.Outcome.NotConnect:
                    // Push every byte back unexamined: Kestrel's next read then returns them at once
                    // (marking them examined would make that read wait for more and hang).
                    input.AdvanceTo(buffer.Start);
                    return null;
                case ProxyRequestHead.Outcome.Complete:
                    input.AdvanceTo(end);
                    return head;
                case ProxyRequestHead.Outcome.Invalid:
                    input.AdvanceTo(buffer.End);
                    throw new HeadRejectedException(
                        $"malformed or oversized CONNECT request (the head must be at most {ProxyRequestHead.MaxLength} bytes)");
                default:
                    if (result.IsCompleted)
                    {
                        input.AdvanceTo(buffer.End);
                        throw new IOException("the client closed the connection inside a CONNECT head");
                    }
                    input.AdvanceTo(buffer.Start, buffer.End);
                    break;
            }
        }
    }

    private async Task InterceptAsync(ConnectionContext connection, ConnectionDelegate next, ProxyRequestHead head, string host, int port)
    {
        var transport = connection.Transport;
        var recorder = NewRecorder(connection, head); // published only if the handshake fails
        var tunnelTransport = new DuplexPipeStream(transport.Input, transport.Output);
        var ssl = new SslStream(tunnelTransport, leaveInnerStreamOpen: true);
        string? sni = null;
        try
        {
            await WriteAsync(transport.Output, "HTTP/1.1 200 Connection established\r\n\r\n");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
            timeout.CancelAfter(HandshakeTimeout);
            if (await StartsWithTlsAsync(connection, timeout.Token) == false)
            {
                await ssl.DisposeAsync();
                connection.Items[TunnelInfo.ItemKey] = new TunnelInfo(host, port, null, Tls: false);
                await next(connection);
                return;
            }
            await ssl.AuthenticateAsServerAsync(
                (_, hello, _, _) =>
                {
                    sni = string.IsNullOrEmpty(hello.ServerName) ? null : hello.ServerName;
                    return ValueTask.FromResult(new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = _certificates.Get(sni ?? host),
                        ApplicationProtocols = Alpn,
                        ClientCertificateRequired = false,
                    });
                },
                null,
                timeout.Token);
        }
        catch (Exception e)
        {
            await ssl.DisposeAsync();
            recorder.Fail(ProxyFailure.ClientTlsHandshake(sni ?? host, e).ToError());
            _publisher.Publish(recorder);
            return;
        }

        var batched = new BatchedTlsStream(ssl, tunnelTransport);
        connection.Transport = new DuplexPipe(
            PipeReader.Create(batched, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true)),
            PipeWriter.Create(batched, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true)));
        var alpn = new AlpnFeature(ssl.NegotiatedApplicationProtocol.Protocol);
        connection.Features.Set<ITlsApplicationProtocolFeature>(alpn);
        connection.Features.Set<Microsoft.AspNetCore.Http.Features.ITlsConnectionFeature>(alpn);
        connection.Items[TunnelInfo.ItemKey] = new TunnelInfo(host, port, sni);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
            await ssl.DisposeAsync();
        }
    }

    private async Task RespondAndRecordAsync(ConnectionContext connection, ProxyRequestHead? head, ProxyFailure failure)
    {
        var body = failure.Reason + "\n";
        try
        {
            await WriteAsync(connection.Transport.Output,
                $"HTTP/1.1 {failure.Status} {ReasonPhrase(failure.Status)}\r\nContent-Type: text/plain; charset=utf-8\r\n" +
                $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}");
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or OperationCanceledException)
        {
            // The client is gone; the record below still says what happened.
        }
        var recorder = NewRecorder(connection, head ?? new ProxyRequestHead("CONNECT", "", "HTTP/1.1", []));
        recorder.Fail(failure.ToError());
        _publisher.Publish(recorder);
    }

    internal static ExchangeRecorder NewRecorder(ConnectionContext connection, ProxyRequestHead head) => new(
        new RequestRecord { Method = head.Method, Url = head.Target, HttpVersion = head.Version, Headers = head.Headers },
        connection.RemoteEndPoint?.ToString(),
        connection.ConnectionId);

    internal static async Task WriteAsync(PipeWriter output, string text)
    {
        await output.WriteAsync(Encoding.Latin1.GetBytes(text));
    }

    internal static string ReasonPhrase(int status) => status switch
    {
        200 => "Connection established",
        400 => "Bad Request",
        502 => "Bad Gateway",
        504 => "Gateway Timeout",
        _ => "Error",
    };

    private sealed class HeadRejectedException(string message) : Exception(message);
}
