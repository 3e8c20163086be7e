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
internal sealed class BatchedTlsStream(SslStream tls, IRecordTransport transport) : DuplexStream
{
    /// <summary>The most data one TLS record carries.</summary>
    private const int MaxRecordData = 16384;

    /// <summary>The largest TLS record on the wire: header, data and the most expansion TLS 1.2 allows.</summary>
    internal const int MaxWireRecord = 5 + MaxRecordData + 2048;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        var count = await tls.ReadAsync(destination, cancellationToken);
        while (count > 0 && destination.Length - count >= MaxRecordData && transport.BufferedInput >= MaxWireRecord)
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tls.Dispose();
        }
        base.Dispose(disposing);
    }
}
