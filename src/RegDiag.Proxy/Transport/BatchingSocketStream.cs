using System.Net.Sockets;

namespace RegDiag.Proxy.Transport;

/// <summary>
/// The socket under an upstream TLS session (see <see cref="BatchedTlsStream"/>): while <see cref="Batching"/> it
/// holds the records written, up to 128 KiB (the four records of a 64 KiB forwarded chunk with their overhead
/// do not fit in 64), until <see cref="SendBatchAsync"/>; it reads ahead in blocks of the same size.
/// Failures surface as <see cref="IOException"/>, as from NetworkStream, which is what HttpClient expects of a
/// connection's stream.
/// </summary>
internal sealed class BatchingSocketStream(Socket socket) : DuplexStream, IRecordTransport
{
    private const int BlockSize = 128 * 1024;

    private readonly byte[] _readBuffer = new byte[BlockSize];
    private readonly byte[] _writeBuffer = new byte[BlockSize];
    private int _readStart;
    private int _readEnd;
    private int _written;

    public bool Batching { get; set; }

    public long BufferedInput => _readEnd - _readStart;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_readStart == _readEnd)
        {
            // A zero-byte read waits for data without holding a buffer (HttpClient does this on idle connections).
            if (destination.IsEmpty || destination.Length >= BlockSize)
            {
                return await ReceiveAsync(destination, cancellationToken);
            }
            _readStart = 0;
            _readEnd = await ReceiveAsync(_readBuffer, cancellationToken);
        }
        var count = Math.Min(destination.Length, _readEnd - _readStart);
        _readBuffer.AsSpan(_readStart, count).CopyTo(destination.Span);
        _readStart += count;
        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        if (!Batching)
        {
            await SendBatchAsync(cancellationToken);
            await SendAsync(source, cancellationToken);
            return;
        }
        if (_written + source.Length > _writeBuffer.Length)
        {
            await SendBatchAsync(cancellationToken);
            if (source.Length > _writeBuffer.Length)
            {
                await SendAsync(source, cancellationToken);
                return;
            }
        }
        source.Span.CopyTo(_writeBuffer.AsSpan(_written));
        _written += source.Length;
    }

    public async ValueTask SendBatchAsync(CancellationToken cancellationToken)
    {
        if (_written > 0)
        {
            var count = _written;
            _written = 0;
            await SendAsync(_writeBuffer.AsMemory(0, count), cancellationToken);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => SendBatchAsync(cancellationToken).AsTask();

    private async ValueTask<int> ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            return await socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken);
        }
        catch (SocketException e)
        {
            throw new IOException($"Unable to read data from the transport connection: {e.Message}", e);
        }
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            while (!data.IsEmpty)
            {
                data = data[await socket.SendAsync(data, SocketFlags.None, cancellationToken)..];
            }
        }
        catch (SocketException e)
        {
            throw new IOException($"Unable to write data to the transport connection: {e.Message}", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            socket.Dispose();
        }
        base.Dispose(disposing);
    }
}
