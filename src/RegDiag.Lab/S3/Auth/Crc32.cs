namespace RegDiag.Lab.S3.Auth;

/// <summary>
/// Incremental CRC-32 (IEEE, or Castagnoli for CRC-32C) for S3's x-amz-checksum-crc32/-crc32c. Hand-written:
/// System.IO.Hashing is not among the project's packages, and the table method is a dozen lines.
/// </summary>
internal sealed class Crc32
{
    public const uint Ieee = 0xEDB88320;
    public const uint Castagnoli = 0x82F63B78;

    private readonly uint[] _table = new uint[256];
    private uint _crc = 0xFFFFFFFF;

    public Crc32(uint polynomial)
    {
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }
            _table[i] = c;
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            _crc = _table[(_crc ^ b) & 0xFF] ^ (_crc >> 8);
        }
    }

    /// <summary>The checksum big-endian, as S3 encodes it (base64 of these 4 bytes).</summary>
    public byte[] GetHash()
    {
        var value = ~_crc;
        return [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
    }
}
