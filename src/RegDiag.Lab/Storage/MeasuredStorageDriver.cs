using System.Diagnostics;
using RegDiag.Lab.Debug;

namespace RegDiag.Lab.Storage;

/// <summary>Times every storage call into registry_storage_action_seconds{driver,action}, as distribution's base driver does.</summary>
internal sealed class MeasuredStorageDriver(IStorageDriver inner, RegistryMetrics metrics) : IStorageDriver
{
    public string Name => inner.Name;

    public Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken) =>
        MeasureAsync("GetContent", () => inner.GetContentAsync(path, cancellationToken));

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        MeasureAsync("PutContent", async () =>
        {
            await inner.PutContentAsync(path, content, cancellationToken);
            return true;
        });

    public Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken) =>
        MeasureAsync("Reader", () => inner.ReaderAsync(path, offset, cancellationToken));

    public Task<IStorageWriter> WriterAsync(string path, bool append, CancellationToken cancellationToken) =>
        MeasureAsync("Writer", () => inner.WriterAsync(path, append, cancellationToken));

    public Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken) =>
        MeasureAsync("Stat", () => inner.StatAsync(path, cancellationToken));

    public Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken) =>
        MeasureAsync("List", () => inner.ListAsync(path, cancellationToken));

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken) =>
        MeasureAsync("Move", async () =>
        {
            await inner.MoveAsync(sourcePath, destinationPath, cancellationToken);
            return true;
        });

    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        MeasureAsync("Delete", async () =>
        {
            await inner.DeleteAsync(path, cancellationToken);
            return true;
        });

    public Task<Uri?> RedirectUrlAsync(string method, string path, CancellationToken cancellationToken) =>
        MeasureAsync("RedirectURL", () => inner.RedirectUrlAsync(method, path, cancellationToken));

    private async Task<T> MeasureAsync<T>(string action, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            metrics.StorageAction(inner.Name, action, Stopwatch.GetElapsedTime(started));
        }
    }
}
