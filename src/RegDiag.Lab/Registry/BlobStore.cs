using System.Text;
using RegDiag.Lab.Storage;

namespace RegDiag.Lab.Registry;

/// <summary>
/// Content-addressed blobs shared by all repositories, visible in a repository only through its link
/// file, as in distribution (a blob pushed to one repository is unknown to another until mounted).
/// </summary>
internal sealed class BlobStore(IStorageDriver driver)
{
    public IStorageDriver Driver { get; } = driver;

    /// <summary>The blob's size if the repository links it, else null.</summary>
    public async Task<long?> StatAsync(string name, Digest digest, CancellationToken cancellationToken)
    {
        if (!await IsLinkedAsync(name, digest, cancellationToken))
        {
            return null;
        }
        return await StatGlobalAsync(digest, cancellationToken);
    }

    /// <summary>The blob's size in the shared store, whichever repository holds it.</summary>
    public async Task<long?> StatGlobalAsync(Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            return (await Driver.StatAsync(StoragePaths.BlobData(digest), cancellationToken)).Size;
        }
        catch (PathNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> IsLinkedAsync(string name, Digest digest, CancellationToken cancellationToken) =>
        await ReadLinkAsync(StoragePaths.LayerLink(name, digest), cancellationToken) is { } linked && linked == digest;

    public Task LinkAsync(string name, Digest digest, CancellationToken cancellationToken) =>
        WriteLinkAsync(StoragePaths.LayerLink(name, digest), digest, cancellationToken);

    public async Task<bool> UnlinkAsync(string name, Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            var link = StoragePaths.LayerLink(name, digest);
            await Driver.DeleteAsync(link[..link.LastIndexOf('/')], cancellationToken);
            return true;
        }
        catch (PathNotFoundException)
        {
            return false;
        }
    }

    public Task<Stream> OpenAsync(Digest digest, long offset, CancellationToken cancellationToken) =>
        Driver.ReaderAsync(StoragePaths.BlobData(digest), offset, cancellationToken);

    public Task<byte[]> ReadAllAsync(Digest digest, CancellationToken cancellationToken) =>
        Driver.GetContentAsync(StoragePaths.BlobData(digest), cancellationToken);

    /// <summary>Stores small content (a manifest) under its sha256 digest.</summary>
    public async Task<Digest> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var digest = Digest.Sha256(content.Span);
        await Driver.PutContentAsync(StoragePaths.BlobData(digest), content, cancellationToken);
        return digest;
    }

    public async Task<Digest?> ReadLinkAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var text = Encoding.UTF8.GetString(await Driver.GetContentAsync(path, cancellationToken));
            return Digest.TryParse(text.Trim(), out var digest) ? digest : null;
        }
        catch (PathNotFoundException)
        {
            return null;
        }
    }

    public Task WriteLinkAsync(string path, Digest digest, CancellationToken cancellationToken) =>
        Driver.PutContentAsync(path, Encoding.UTF8.GetBytes(digest.ToString()), cancellationToken);
}
