namespace RegDiag.Lab.Storage;

/// <summary>The filesystem driver's writer: appends to the file; commit flushes, cancel removes it.</summary>
internal sealed class FilesystemWriter(FileStream stream) : IStorageWriter
{
    private bool _closed;

    public long Size => stream.Length;

    public async Task WriteAsync(Stream content, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        await content.CopyToAsync(stream, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        var path = stream.Name;
        await DisposeAsync();
        File.Delete(path);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            await stream.DisposeAsync();
        }
    }
}
