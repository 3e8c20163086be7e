using System.Buffers;
using System.IO.Pipelines;
using RegDiag.Proxy.Transport;

namespace RegDiag.Proxy.Connect;

/// <summary>
/// A Stream over a connection's pipes, so SslStream can run on top of Kestrel's transport. Kestrel keeps its
/// own equivalent internal, hence this small copy. While <see cref="Batching"/>, writes wait in the pipe and
/// <see cref="SendBatchAsync"/> hands them to the transport with one flush.
/// </summary>
internal sealed class DuplexPipeStream(PipeReader input, PipeWriter output) : DuplexStream, IRecordTransport
{
    public bool Batching { get; set; }

    public long BufferedInput
    {
        get
        {
            if (!input.TryRead(out var result))
            {
                return 0;
            }
            input.AdvanceTo(result.Buffer.Start);
            return result.Buffer.Length;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                var count = (int)Math.Min(buffer.Length, destination.Length);
                buffer.Slice(0, count).CopyTo(destination.Span);
                input.AdvanceTo(buffer.GetPosition(count));
                return count;
            }
            input.AdvanceTo(buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return 0;
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        if (Batching)
        {
            output.Write(source.Span);
            return;
        }
        await output.WriteAsync(source, cancellationToken);
    }

    public async ValueTask SendBatchAsync(CancellationToken cancellationToken) => await output.FlushAsync(cancellationToken);

    public override async Task FlushAsync(CancellationToken cancellationToken) => await output.FlushAsync(cancellationToken);
}
