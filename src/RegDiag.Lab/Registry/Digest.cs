using System.Security.Cryptography;

namespace RegDiag.Lab.Registry;

/// <summary>A content digest "algorithm:hex" for the algorithms distribution verifies (sha256, sha384, sha512).</summary>
internal sealed record Digest(string Algorithm, string Hex)
{
    public override string ToString() => Algorithm + ":" + Hex;

    public static bool TryParse(string? value, out Digest digest)
    {
        digest = null!;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }
        var algorithm = value[..colon];
        var hex = value[(colon + 1)..];
        var length = algorithm switch { "sha256" => 64, "sha384" => 96, "sha512" => 128, _ => -1 };
        if (length < 0 || hex.Length != length || !hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            return false;
        }
        digest = new Digest(algorithm, hex);
        return true;
    }

    public static Digest Sha256(ReadOnlySpan<byte> content) =>
        new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    public static Digest Compute(string algorithm, ReadOnlySpan<byte> content)
    {
        using var hash = new Digest(algorithm, "").CreateHash();
        hash.AppendData(content);
        return new Digest(algorithm, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public IncrementalHash CreateHash() => IncrementalHash.CreateHash(Algorithm switch
    {
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    });

    public static async Task<Digest> ComputeAsync(string algorithm, Stream content, CancellationToken cancellationToken)
    {
        using var hash = new Digest(algorithm, "").CreateHash();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
        return new Digest(algorithm, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
