using System.Net;
using System.Net.Sockets;
using RegDiag.Proxy.Transport;

namespace RegDiag.Proxy.Tests.Transport;

public sealed class BatchingSocketStreamTests
{
    private static async Task<(Socket Local, Socket Peer)> ConnectedPairAsync()
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var local = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accept = listener.AcceptAsync();
        await local.ConnectAsync(listener.LocalEndPoint!);
        return (local, await accept);
    }

    private static async Task<byte[]> ReceiveAsync(Socket peer, int length)
    {
        var buffer = new byte[length];
        var received = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (received < length)
        {
            received += await peer.ReceiveAsync(buffer.AsMemory(received), timeout.Token);
        }
        return buffer;
    }

    [Fact]
    public async Task Write_WhileBatching_IsHeldUntilTheBatchIsSent()
    {
        var (local, peer) = await ConnectedPairAsync();
        using var _ = peer;
        await using var stream = new BatchingSocketStream(local);

        stream.Batching = true;
        await stream.WriteAsync("first "u8.ToArray());
        await stream.WriteAsync("second"u8.ToArray());
        stream.Batching = false;
        await Task.Delay(200);
        Assert.Equal(0, peer.Available);

        await stream.SendBatchAsync(CancellationToken.None);
        Assert.Equal("first second"u8.ToArray(), await ReceiveAsync(peer, 12));
    }

    [Fact]
    public async Task Write_OutsideABatch_GoesOutAtOnce()
    {
        var (local, peer) = await ConnectedPairAsync();
        using var _ = peer;
        await using var stream = new BatchingSocketStream(local);

        await stream.WriteAsync("hello"u8.ToArray());

        Assert.Equal("hello"u8.ToArray(), await ReceiveAsync(peer, 5));
    }

    [Fact]
    public async Task Read_ServesSmallReadsFromOneReceiveAndCountsWhatIsLeft()
    {
        var (local, peer) = await ConnectedPairAsync();
        using var _ = peer;
        await using var stream = new BatchingSocketStream(local);
        await peer.SendAsync(new byte[1000]);
        while (local.Available < 1000)
        {
            await Task.Delay(10);
        }

        Assert.Equal(100, await stream.ReadAsync(new byte[100]));

        Assert.Equal(900, stream.BufferedInput);
        Assert.Equal(0, local.Available);
    }

    [Fact]
    public async Task ZeroByteRead_WaitsForDataThenTheDataIsStillThere()
    {
        var (local, peer) = await ConnectedPairAsync();
        using var _ = peer;
        await using var stream = new BatchingSocketStream(local);

        var wait = stream.ReadAsync(Memory<byte>.Empty).AsTask();
        await Task.Delay(100);
        Assert.False(wait.IsCompleted);
        await peer.SendAsync("x"u8.ToArray());

        Assert.Equal(0, await wait.WaitAsync(TimeSpan.FromSeconds(10)));
        var buffer = new byte[1];
        Assert.Equal(1, await stream.ReadAsync(buffer));
        Assert.Equal((byte)'x', buffer[0]);
    }

    [Fact]
    public async Task Read_AfterThePeerReset_FailsAsIOException()
    {
        var (local, peer) = await ConnectedPairAsync();
        await using var stream = new BatchingSocketStream(local);
        peer.LingerState = new LingerOption(true, 0);
        peer.Close();

        await Assert.ThrowsAsync<IOException>(async () =>
        {
            await Task.Delay(100);
            await stream.WriteAsync(new byte[10]);
            _ = await stream.ReadAsync(new byte[10]);
        });
    }
}
