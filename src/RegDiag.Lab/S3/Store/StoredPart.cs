namespace RegDiag.Lab.S3.Store;

/// <summary>An uploaded part of a multipart upload; <see cref="Md5"/> feeds the multipart ETag.</summary>
internal sealed record StoredPart(int Number, string FilePath, long Size, byte[] Md5, DateTimeOffset LastModified)
{
    public string ETag => $"\"{Convert.ToHexStringLower(Md5)}\"";
}
