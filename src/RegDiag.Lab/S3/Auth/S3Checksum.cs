using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace RegDiag.Lab.S3.Auth;

/// <summary>
/// An additional checksum a client sent with a payload (x-amz-checksum-ALG as a header, or as a trailer
/// announced by x-amz-trailer), computed over the received bytes so a mismatch is BadDigest, as on S3.
/// CRC64NVME is accepted unverified.
/// </summary>
internal sealed class S3Checksum : IDisposable
{
    private readonly Crc32? _crc;
    private readonly IncrementalHash? _hash;

    private S3Checksum(string algorithm, Crc32? crc, IncrementalHash? hash)
    {
        Algorithm = algorithm;
        _crc = crc;
        _hash = hash;
    }

    /// <summary>The algorithm as S3 names it in messages (CRC32, CRC32C, SHA1, SHA256).</summary>
    public string Algorithm { get; }

    /// <summary>The header (or trailer) name carrying the expected value.</summary>
    public string HeaderName => "x-amz-checksum-" + Algorithm.ToLowerInvariant();

    /// <summary>The checksum the request announces, or null when none (or one that is not verified).</summary>
    public static S3Checksum? For(HttpRequest request)
    {
        var name = request.Headers["x-amz-trailer"].ToString().Trim().ToLowerInvariant();
        if (name.Length == 0)
        {
            name = request.Headers.Keys.Select(k => k.ToLowerInvariant()).FirstOrDefault(k => k.StartsWith("x-amz-checksum-", StringComparison.Ordinal) && k != "x-amz-checksum-type") ?? "";
        }
        return name switch
        {
            "x-amz-checksum-crc32" => new("CRC32", new Crc32(Crc32.Ieee), null),
            "x-amz-checksum-crc32c" => new("CRC32C", new Crc32(Crc32.Castagnoli), null),
            "x-amz-checksum-sha1" => new("SHA1", null, IncrementalHash.CreateHash(HashAlgorithmName.SHA1)),
            "x-amz-checksum-sha256" => new("SHA256", null, IncrementalHash.CreateHash(HashAlgorithmName.SHA256)),
            _ => null,
        };
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _crc?.Append(data);
        _hash?.AppendData(data);
    }

    /// <summary>Throws BadDigest unless <paramref name="expectedBase64"/> matches what was received.</summary>
    public void Verify(string? expectedBase64)
    {
        if (expectedBase64 == null)
        {
            return;
        }
        var actual = Convert.ToBase64String(_crc?.GetHash() ?? _hash!.GetCurrentHash());
        if (actual != expectedBase64.Trim())
        {
            throw new S3Exception(S3ErrorCode.BadDigest, $"The {Algorithm} you specified did not match the calculated checksum.");
        }
    }

    public void Dispose() => _hash?.Dispose();
}
