namespace RegDiag.Lab.Storage;

/// <summary>
/// Where the lab registry keeps its bytes, shaped like distribution's storagedriver.StorageDriver: a flat
/// namespace of slash-separated paths. Registry logic (the repositories/_layers/_uploads/blobs layout) sits
/// above it, so the S3 driver produces the same object keys the real registry does.
/// Paths start with "/". Missing paths throw <see cref="PathNotFoundException"/>.
/// </summary>
internal interface IStorageDriver
{
    /// <summary>The driver's name as distribution names it ("filesystem", "s3aws"); used in health checks and logs.</summary>
    string Name { get; }

    Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken);

    Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading from <paramref name="offset"/>; the caller disposes the stream.</summary>
    Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken);

    /// <summary>A writer for an upload; with <paramref name="append"/> it continues an existing one.</summary>
    Task<IStorageWriter> WriterAsync(string path, bool append, CancellationToken cancellationToken);

    Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken);

    /// <summary>The direct children of a directory path (full paths), as distribution's List does.</summary>
    Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken);

    Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken);

    /// <summary>Deletes a path and everything under it.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>A URL the client can be redirected to for this method ("GET"/"HEAD"), or null to serve the bytes.</summary>
    Task<Uri?> RedirectUrlAsync(string method, string path, CancellationToken cancellationToken);
}
