using System.Net.Security;

namespace RegDiag.Proxy.Transport;

/// <summary>
/// A TLS session that moves data in large batches instead of one 16 KiB record at a time.
/// </summary>
/// <remarks>
/// SslStream writes each record to its transport separately and returns about one record per read. Through the
/// proxy every record then cost a trip through each layer (pipes, Kestrel, the forwarder, the socket calls that
/// also wake the peer), which took more CPU than the encryption. Here a write's records leave as one send, and a
/// read keeps decrypting while a whole record is already waiting below (so it never waits on the network for
/// more), which hands the layers above up to a buffer's worth at once. Hand-written: SslStream has no such
/// option and no stream in .NET batches on these boundaries.
/// </remarks>
internal sealed class BatchedTlsStream(SslStream tls, IRecordTransport transport) : Stream
{
    /// <summary>The largest TLS record on the wire: header, 2^14 bytes of data and the most expansion TLS 1.2 allows.</summary>
    internal const int MaxWireRecord = 5 + 16384 + 2048;

    public SslStream Tls => tls;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        var count = await tls.ReadAsync(destination, cancellationToken);
        while (count > 0 && destination.Length - count >= 16384 && transport.BufferedInput >= MaxWireRecord)
        {
            var more = await tls.ReadAsync(destination[count..], cancellationToken);
            if (more == 0)
            {
                break;
            }
            count += more;
        }
        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        transport.Batching = true;
        try
        {
            await tls.WriteAsync(source, cancellationToken);
        }
        finally
        {
            transport.Batching = false;
        }
        await transport.SendBatchAsync(cancellationToken);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => tls.FlushAsync(cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush() => FlushAsync().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tls.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await tls.DisposeAsync();
        await base.DisposeAsync();
    }
}
