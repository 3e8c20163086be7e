using System.Net;
using System.Security.Cryptography;

namespace RegDiag.Doctor.Probe;

/// <summary>
/// A request body of <see cref="Length"/> random bytes made while it is sent, in small chunks, so a probe of
/// hundreds of MiB costs no memory. It counts and hashes what actually went out: a proxy that answers
/// early (413) leaves <see cref="Sent"/> short of <see cref="Length"/>. Sending it again sends new bytes.
/// </summary>
public sealed class GeneratedContent : HttpContent
{
    private const int ChunkSize = 64 * 1024;

    private string? _sha256;

    public GeneratedContent(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
    }

    public long Length { get; }

    /// <summary>Bytes written to the connection by the last send.</summary>
    public long Sent { get; private set; }

    /// <summary>"sha256:…" of the body when the last send wrote all of it; null otherwise.</summary>
    public string? Sha256 => Sent == Length ? _sha256 : null;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Sent = 0;
        _sha256 = null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[(int)Math.Min(ChunkSize, Math.Max(1, Length))];
        while (Sent < Length)
        {
            var count = (int)Math.Min(buffer.Length, Length - Sent);
            RandomNumberGenerator.Fill(buffer.AsSpan(0, count));
            await stream.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
            hash.AppendData(buffer, 0, count);
            Sent += count;
        }
        _sha256 = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }
}
