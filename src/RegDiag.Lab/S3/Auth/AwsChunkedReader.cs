using System.Security.Cryptography;
using System.Text;

namespace RegDiag.Lab.S3.Auth;

/// <summary>
/// Decodes an aws-chunked body (Content-Encoding: aws-chunked, x-amz-content-sha256: STREAMING-...) into its
/// payload, verifying each chunk signature of the signed variants and the trailer signature:
/// <c>hex-size[;chunk-signature=sig]\r\n data \r\n</c> ... <c>0[;chunk-signature=sig]\r\n [trailers\r\n] \r\n</c>.
/// Hand-written: ASP.NET Core has no decoder for this AWS-specific framing.
/// </summary>
internal sealed class AwsChunkedReader(Stream source, S3Identity identity)
{
    private const int MaxLine = 8192;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private string _previousSignature = identity.Signature;

    /// <summary>The trailing headers (lower-case name to value) after the last chunk, signature excluded.</summary>
    public Dictionary<string, string> Trailers { get; } = new(StringComparer.Ordinal);

    private bool Signed => identity.PayloadHash is SigV4.StreamingSigned or SigV4.StreamingSignedTrailer;

    /// <summary>Copies the decoded payload to <paramref name="destination"/> and returns its length.</summary>
    public async Task<long> CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var header = await ReadLineAsync(cancellationToken);
            var semicolon = header.IndexOf(';');
            var sizeText = semicolon < 0 ? header : header[..semicolon];
            if (!long.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
            {
                throw new S3Exception(S3ErrorCode.IncompleteBody, "The aws-chunked body has an invalid chunk header");
            }
            string? chunkSignature = null;
            if (semicolon >= 0)
            {
                var extension = header[(semicolon + 1)..];
                if (extension.StartsWith("chunk-signature=", StringComparison.Ordinal))
                {
                    chunkSignature = extension["chunk-signature=".Length..];
                }
            }
            if (Signed && chunkSignature == null)
            {
                throw new S3Exception(S3ErrorCode.SignatureDoesNotMatch, "The chunk is missing its chunk-signature");
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var remaining = size;
            while (remaining > 0)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new S3Exception(S3ErrorCode.IncompleteBody);
                }
                var take = (int)Math.Min(remaining, _end - _start);
                hash.AppendData(_buffer, _start, take);
                await destination.WriteAsync(_buffer.AsMemory(_start, take), cancellationToken);
                _start += take;
                remaining -= take;
            }
            if (Signed)
            {
                var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{identity.AmzDate}\n{identity.Scope}\n{_previousSignature}\n{SigV4.EmptySha256}\n{Convert.ToHexStringLower(hash.GetHashAndReset())}";
                var expected = SigV4.Sign(identity.SigningKey, stringToSign);
                if (!SigV4.SignatureEquals(expected, chunkSignature!))
                {
                    throw new S3Exception(S3ErrorCode.SignatureDoesNotMatch);
                }
                _previousSignature = expected;
            }
            total += size;
            if (size == 0)
            {
                await ReadTrailersAsync(cancellationToken);
                return total;
            }
            if (await ReadLineAsync(cancellationToken) != "")
            {
                throw new S3Exception(S3ErrorCode.IncompleteBody, "The aws-chunked body has no CRLF after a chunk");
            }
        }
    }

    private async Task ReadTrailersAsync(CancellationToken cancellationToken)
    {
        var trailers = new StringBuilder();
        string? trailerSignature = null;
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                break; // some clients end the body right after the last chunk
            }
            var line = await ReadLineAsync(cancellationToken);
            if (line.Length == 0)
            {
                break;
            }
            if (line.StartsWith("x-amz-trailer-signature:", StringComparison.OrdinalIgnoreCase))
            {
                trailerSignature = line["x-amz-trailer-signature:".Length..].Trim();
            }
            else
            {
                trailers.Append(line).Append('\n');
                var colon = line.IndexOf(':');
                if (colon > 0)
                {
                    Trailers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
                }
            }
        }
        if (identity.PayloadHash == SigV4.StreamingSignedTrailer)
        {
            var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{identity.AmzDate}\n{identity.Scope}\n{_previousSignature}\n{SigV4.Sha256Hex(Encoding.UTF8.GetBytes(trailers.ToString()))}";
            if (trailerSignature == null || !SigV4.SignatureEquals(SigV4.Sign(identity.SigningKey, stringToSign), trailerSignature))
            {
                throw new S3Exception(S3ErrorCode.SignatureDoesNotMatch);
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                throw new S3Exception(S3ErrorCode.IncompleteBody);
            }
            var b = _buffer[_start++];
            if (b == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                return Encoding.ASCII.GetString(line.ToArray(), 0, line.Count - 1);
            }
            line.Add(b);
            if (line.Count > MaxLine)
            {
                throw new S3Exception(S3ErrorCode.IncompleteBody, "The aws-chunked body has an over-long chunk header");
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await source.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }
}
