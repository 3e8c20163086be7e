using RegDiag.Proxy.Transport;

namespace RegDiag.Proxy.Tests.Transport;

public sealed class BatchedTlsStreamTests
{
    private static byte[] Data(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        return data;
    }

    [Fact]
    public async Task Write_OfFourRecords_LeavesWithOneFlushAndArrivesIntact()
    {
        await using var pair = await TlsPair.StartAsync();
        var batched = new BatchedTlsStream(pair.Server, pair.ServerTransport);
        var data = Data(64 * 1024);
        var flushesBefore = pair.ToClient.Flushes;

        await batched.WriteAsync(data);

        Assert.Equal(1, pair.ToClient.Flushes - flushesBefore);
        var received = new byte[data.Length];
        await pair.Client.ReadExactlyAsync(received);
        Assert.Equal(data, received);
    }

    [Fact]
    public async Task Read_WithSeveralRecordsWaiting_ReturnsMoreThanOneRecordAtOnce()
    {
        await using var pair = await TlsPair.StartAsync();
        var batched = new BatchedTlsStream(pair.Server, pair.ServerTransport);
        var data = Data(64 * 1024);
        await pair.Client.WriteAsync(data);
        await pair.Client.FlushAsync();

        var buffer = new byte[128 * 1024];
        var first = await batched.ReadAsync(buffer);

        // SslStream alone returns one record (at most 16 KiB) per read.
        Assert.True(first > 16 * 1024, $"the first read returned {first} bytes");
        var total = first;
        while (total < data.Length)
        {
            total += await batched.ReadAsync(buffer.AsMemory(total));
        }
        Assert.Equal(data, buffer[..data.Length]);
    }

    [Fact]
    public async Task Read_WhenTheRestIsStillOnTheWay_ReturnsWhatHasArrivedWithoutWaiting()
    {
        await using var pair = await TlsPair.StartAsync();
        var batched = new BatchedTlsStream(pair.Server, pair.ServerTransport);
        await pair.Client.WriteAsync(Data(100));
        await pair.Client.FlushAsync();

        var read = batched.ReadAsync(new byte[64 * 1024]).AsTask();

        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(100, await read);
    }
}
