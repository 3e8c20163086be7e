using System.Security.Cryptography;

namespace RegDiag.Lab.Tests.Support;

internal static class Digests
{
    public static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
