namespace RegDiag.Lab.Storage;

/// <summary>The slow-storage scenario: the wrapped driver, with a delay before every operation.</summary>
internal sealed class SlowStorageDriver(IStorageDriver inner, TimeSpan delay) : IStorageDriver
{
    public string Name => inner.Name;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.GetContentAsync(path, cancellationToken);
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        await inner.PutContentAsync(path, content, cancellationToken);
    }

    public async Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.ReaderAsync(path, offset, cancellationToken);
    }

    public async Task<IStorageWriter> WriterAsync(string path, bool append, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.WriterAsync(path, append, cancellationToken);
    }

    public async Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.StatAsync(path, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.ListAsync(path, cancellationToken);
    }

    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        await inner.MoveAsync(sourcePath, destinationPath, cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        await inner.DeleteAsync(path, cancellationToken);
    }

    public Task<Uri?> RedirectUrlAsync(string method, string path, CancellationToken cancellationToken) =>
        inner.RedirectUrlAsync(method, path, cancellationToken);
}
