using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace RegDiag.Lab.S3.Auth;

/// <summary>
/// Receives a request body into a file, checking it against what was signed (x-amz-content-sha256, chunk
/// signatures) and Content-MD5, so that nothing unverified is ever stored. Returns the payload's length and MD5.
/// </summary>
internal static class S3BodyReader
{
    public sealed record Received(long Length, byte[] Md5);

    public static async Task<Received> ReceiveAsync(HttpRequest request, S3Identity identity, string path, CancellationToken cancellationToken)
    {
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var checksum = S3Checksum.For(request);
            var sink = new HashingStream(file, md5, sha, checksum);
            long length;
            if (identity.PayloadHash.StartsWith("STREAMING-", StringComparison.Ordinal))
            {
                var reader = new AwsChunkedReader(request.Body, identity);
                length = await reader.CopyToAsync(sink, cancellationToken);
                if (long.TryParse(request.Headers["x-amz-decoded-content-length"], out var declared) && declared != length)
                {
                    throw new S3Exception(S3ErrorCode.IncompleteBody);
                }
                checksum?.Verify(reader.Trailers.GetValueOrDefault(checksum.HeaderName) ?? HeaderValue(request, checksum.HeaderName));
            }
            else
            {
                await request.Body.CopyToAsync(sink, cancellationToken);
                length = sink.Length;
                if (request.ContentLength is { } contentLength && contentLength != length)
                {
                    throw new S3Exception(S3ErrorCode.IncompleteBody);
                }
                if (identity.PayloadHash != SigV4.UnsignedPayload
                    && !string.Equals(identity.PayloadHash, Convert.ToHexStringLower(sha.GetCurrentHash()), StringComparison.OrdinalIgnoreCase))
                {
                    throw new S3Exception(S3ErrorCode.XAmzContentSha256Mismatch, null,
                        [new("ClientComputedContentSHA256", identity.PayloadHash), new("S3ComputedContentSHA256", Convert.ToHexStringLower(sha.GetCurrentHash()))]);
                }
                checksum?.Verify(HeaderValue(request, checksum.HeaderName));
            }
            var digest = md5.GetCurrentHash();
            var contentMd5 = request.Headers["Content-MD5"].ToString();
            if (contentMd5.Length > 0 && contentMd5 != Convert.ToBase64String(digest))
            {
                throw new S3Exception(S3ErrorCode.BadDigest);
            }
            return new Received(length, digest);
        }
    }

    private static string? HeaderValue(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>Reads a small body (XML documents) into memory after the same checks.</summary>
    public static async Task<byte[]> ReadSmallAsync(HttpRequest request, S3Identity identity, string tempPath, CancellationToken cancellationToken)
    {
        try
        {
            await ReceiveAsync(request, identity, tempPath, cancellationToken);
            return await File.ReadAllBytesAsync(tempPath, cancellationToken);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    private sealed class HashingStream(Stream inner, IncrementalHash md5, IncrementalHash sha, S3Checksum? checksum) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Position;
        public override long Position { get; set; }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            md5.AppendData(buffer.Span);
            sha.AppendData(buffer.Span);
            checksum?.Append(buffer.Span);
            Position += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
