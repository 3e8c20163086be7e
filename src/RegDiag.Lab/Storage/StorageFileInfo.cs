namespace RegDiag.Lab.Storage;

internal sealed record StorageFileInfo(string Path, long Size, DateTimeOffset ModifiedAt, bool IsDirectory);
