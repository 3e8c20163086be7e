using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using RegDiag.Core.Model;
using RegDiag.Proxy.Recording;

namespace RegDiag.Proxy.Connect;

/// <summary>
/// A CONNECT tunnel relayed without interception (--passthrough, or a host outside --intercept): bytes are
/// copied both ways and the tunnel is recorded as one CONNECT exchange with the byte counts of each direction.
/// </summary>
internal sealed class PassthroughTunnel(
    ConnectionContext connection, ProxyRequestHead head, string host, int port, ExchangePublisher publisher)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public async Task RunAsync()
    {
        var recorder = ConnectMiddleware.NewRecorder(connection, head);
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
            {
                timeout.CancelAfter(ConnectTimeout);
                try
                {
                    await upstream.ConnectAsync(host, port, timeout.Token);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    var failure = ProxyFailure.FromConnect(e, head.Target);
                    await TryRespondAsync($"HTTP/1.1 {failure.Status} {ConnectMiddleware.ReasonPhrase(failure.Status)}\r\n" +
                        $"Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n{failure.Reason}\n");
                    recorder.Fail(failure.ToError());
                    return;
                }
            }
            await ConnectMiddleware.WriteAsync(connection.Transport.Output, "HTTP/1.1 200 Connection established\r\n\r\n");
            recorder.MarkRequestSent();
            recorder.SetResponse(new ResponseRecord { Status = 200, Reason = "Connection established" });

            await using var network = new NetworkStream(upstream, ownsSocket: false);
            var client = new DuplexPipeStream(connection.Transport.Input, connection.Transport.Output);
            var up = new BodyTap(network);
            var down = new BodyTap(client);
            recorder.RequestBody = up;
            recorder.ResponseBody = down;
            var toUpstream = RelayAsync(client, up, () => upstream.Shutdown(SocketShutdown.Send));
            var toClient = RelayAsync(network, down, () => connection.Transport.Output.Complete());
            await Task.WhenAll(toUpstream, toClient);
        }
        finally
        {
            upstream.Dispose();
            publisher.Publish(recorder);
        }
    }

    /// <summary>Copies one direction; at its end, half-closes the other side so the peer sees EOF.</summary>
    private static async Task RelayAsync(Stream from, Stream to, Action halfClose)
    {
        try
        {
            await from.CopyToAsync(to, 64 * 1024);
            await to.FlushAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ConnectionResetException or ObjectDisposedException or OperationCanceledException)
        {
            // A reset on either side ends the tunnel; the byte counts say how far it got.
        }
        try
        {
            halfClose();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task TryRespondAsync(string response)
    {
        try
        {
            await ConnectMiddleware.WriteAsync(connection.Transport.Output, response);
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or OperationCanceledException)
        {
        }
    }
}
