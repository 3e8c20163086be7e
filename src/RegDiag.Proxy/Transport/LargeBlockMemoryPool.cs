using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace RegDiag.Proxy.Transport;

/// <summary>
/// The memory Kestrel's socket transport receives into and sends from. Kestrel's own pool hands out 4 KiB
/// blocks, so a 1 GiB upload costs a quarter of a million receive calls (plus as many zero-byte reads) and as
/// many thread-pool hops; a layer-sized body through a proxy wants large reads (128 KiB: with 64 KiB a
/// read rarely held the four whole TLS records of a 64 KiB forwarded chunk). .NET 10 lets the host supply
/// the transport's pool through <see cref="IMemoryPoolFactory{T}"/>; no library offers such a pool, so this
/// is a thin one over <see cref="ArrayPool{T}.Shared"/> (which bounds what it keeps).
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 128 * 1024;

    public override int MaxBufferSize => Array.MaxLength;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Block(Math.Max(BlockSize, minBufferSize));

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(int size) : IMemoryOwner<byte>
    {
        private byte[]? _array = ArrayPool<byte>.Shared.Rent(size);

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            var array = Interlocked.Exchange(ref _array, null);
            if (array != null)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }
    }
}

/// <summary>Registered in the proxy's services so Kestrel's socket transport uses <see cref="LargeBlockMemoryPool"/>.</summary>
internal sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}
