using System.Security.Cryptography;
using System.Text;
using RegDiag.Core.Har;
using RegDiag.Core.Model;

namespace RegDiag.Proxy.Recording;

/// <summary>
/// Wraps a body stream on its way through the proxy: counts the bytes, hashes them and keeps the first
/// 64 KiB of a textual body, without buffering anything else, so memory stays flat whatever the body size.
/// Used on the read side for request bodies and on the write side for response bodies.
/// </summary>
internal sealed class BodyTap : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Action? _onEnd;
    private string? _contentType;
    private byte[]? _text;
    private int _textLength;
    private bool _truncated;
    private bool _ended;

    public BodyTap(Stream inner, Action? onEnd = null)
    {
        _inner = inner;
        _onEnd = onEnd;
    }

    /// <summary>
    /// Says what the body is, before its first byte (a response's type is known only once its head arrives).
    /// </summary>
    public void Describe(string? contentType, string? contentEncoding)
    {
        lock (_hash)
        {
            _contentType = contentType;
            _text = TextualContent.IsTextualBody(contentType, contentEncoding) ? new byte[BodyRecord.TextLimit] : null;
        }
    }

    public long Size { get; private set; }

    public override bool CanRead => _inner.CanRead;

    public override bool CanWrite => _inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public BodyRecord ToRecord()
    {
        lock (_hash)
        {
            return new BodyRecord
            {
                Size = Size,
                Sha256 = "sha256:" + Convert.ToHexStringLower(_hash.GetCurrentHash()),
                ContentType = _contentType,
                Text = _text == null || _textLength == 0 ? null : Encoding.UTF8.GetString(_text, 0, _textLength),
                TextTruncated = _truncated,
            };
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read], buffer.Length);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = _inner.Read(buffer, offset, count);
        Observe(buffer.AsSpan(offset, read), count);
        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Observe(buffer.Span, 0);
        return _inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Observe(buffer.AsSpan(offset, count), 0);
        _inner.Write(buffer, offset, count);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <param name="data">The bytes read or written.</param>
    /// <param name="asked">For reads, the room the reader offered: 0 bytes into a non-empty buffer is the end of
    /// the body, while 0 into an empty one is YARP's zero-byte read that only waits for data.</param>
    private void Observe(ReadOnlySpan<byte> data, int asked)
    {
        if (data.IsEmpty)
        {
            if (asked > 0 && !_ended)
            {
                _ended = true;
                _onEnd?.Invoke();
            }
            return;
        }
        lock (_hash)
        {
            Size += data.Length;
            _hash.AppendData(data);
            if (_text != null && !_truncated)
            {
                var room = _text.Length - _textLength;
                var take = Math.Min(room, data.Length);
                data[..take].CopyTo(_text.AsSpan(_textLength));
                _textLength += take;
                _truncated = data.Length > take;
            }
        }
    }

    // Dispose is not overridden on purpose: the inner stream belongs to Kestrel, and the record is read after
    // Kestrel is done with the body.
}
