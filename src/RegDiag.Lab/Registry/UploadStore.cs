using System.Globalization;
using System.Text;
using RegDiag.Lab.Storage;

namespace RegDiag.Lab.Registry;

/// <summary>
/// Upload sessions under _uploads/&lt;uuid&gt;, as distribution keeps them: data appended chunk by chunk
/// through the driver's writer (closed, not committed, between chunks), then verified and moved to the blob store.
/// </summary>
internal sealed class UploadStore(BlobStore blobs)
{
    private IStorageDriver Driver => blobs.Driver;

    public async Task<(string Uuid, DateTimeOffset StartedAt)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var uuid = Guid.NewGuid().ToString();
        var startedAt = DateTimeOffset.UtcNow;
        await Driver.PutContentAsync(StoragePaths.UploadStartedAt(name, uuid),
            Encoding.UTF8.GetBytes(startedAt.ToString("O", CultureInfo.InvariantCulture)), cancellationToken);
        await using (await Driver.WriterAsync(StoragePaths.UploadData(name, uuid), append: false, cancellationToken))
        {
        }
        return (uuid, startedAt);
    }

    /// <summary>The upload's size so far, or null when no such session exists.</summary>
    public async Task<long?> SizeAsync(string name, string uuid, CancellationToken cancellationToken)
    {
        try
        {
            await Driver.StatAsync(StoragePaths.UploadStartedAt(name, uuid), cancellationToken);
        }
        catch (PathNotFoundException)
        {
            return null;
        }
        await using var writer = await Driver.WriterAsync(StoragePaths.UploadData(name, uuid), append: true, cancellationToken);
        return writer.Size;
    }

    /// <summary>Appends a chunk and returns the new size.</summary>
    public async Task<long> AppendAsync(string name, string uuid, Stream content, CancellationToken cancellationToken)
    {
        await using var writer = await Driver.WriterAsync(StoragePaths.UploadData(name, uuid), append: true, cancellationToken);
        await writer.WriteAsync(content, cancellationToken);
        return writer.Size;
    }

    /// <summary>
    /// Commits the upload: verifies the digest (null result with the actual digest when it differs), moves the
    /// data into the blob store, links it into the repository and removes the session.
    /// </summary>
    public async Task<(bool Ok, Digest Actual, long Size)> CompleteAsync(
        string name, string uuid, Digest expected, Stream? lastChunk, CancellationToken cancellationToken)
    {
        var dataPath = StoragePaths.UploadData(name, uuid);
        await using (var writer = await Driver.WriterAsync(dataPath, append: true, cancellationToken))
        {
            if (lastChunk != null)
            {
                await writer.WriteAsync(lastChunk, cancellationToken);
            }
            await writer.CommitAsync(cancellationToken);
        }
        Digest actual;
        long size;
        await using (var reader = await Driver.ReaderAsync(dataPath, 0, cancellationToken))
        {
            var counting = new CountingStream(reader);
            actual = await Digest.ComputeAsync(expected.Algorithm, counting, cancellationToken);
            size = counting.Count;
        }
        if (actual != expected)
        {
            await CancelAsync(name, uuid, cancellationToken);
            return (false, actual, size);
        }
        if (await blobs.StatGlobalAsync(expected, cancellationToken) == null)
        {
            await Driver.MoveAsync(dataPath, StoragePaths.BlobData(expected), cancellationToken);
        }
        await blobs.LinkAsync(name, expected, cancellationToken);
        await CancelAsync(name, uuid, cancellationToken);
        return (true, actual, size);
    }

    public async Task<bool> CancelAsync(string name, string uuid, CancellationToken cancellationToken)
    {
        try
        {
            await Driver.DeleteAsync(StoragePaths.Upload(name, uuid), cancellationToken);
            return true;
        }
        catch (PathNotFoundException)
        {
            return false;
        }
    }
}
