namespace RegDiag.Lab.S3.Store;

/// <summary>One object version: its bytes live in an immutable file, replaced (never rewritten) on overwrite.</summary>
internal sealed record StoredObject(string Key, string FilePath, long Size, string ETag, DateTimeOffset LastModified, string ContentType);
