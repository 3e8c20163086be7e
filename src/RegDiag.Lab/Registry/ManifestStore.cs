using RegDiag.Lab.Storage;

namespace RegDiag.Lab.Registry;

/// <summary>Manifests stored as blobs, linked as revisions of a repository, with tags pointing at revisions.</summary>
internal sealed class ManifestStore(BlobStore blobs)
{
    private IStorageDriver Driver => blobs.Driver;

    public async Task<Digest> PutAsync(string name, ReadOnlyMemory<byte> content, string? tag, CancellationToken cancellationToken)
    {
        var digest = await blobs.PutAsync(content, cancellationToken);
        await blobs.WriteLinkAsync(StoragePaths.ManifestRevisionLink(name, digest), digest, cancellationToken);
        if (tag != null)
        {
            await blobs.WriteLinkAsync(StoragePaths.TagIndexLink(name, tag, digest), digest, cancellationToken);
            await blobs.WriteLinkAsync(StoragePaths.TagCurrentLink(name, tag), digest, cancellationToken);
        }
        return digest;
    }

    public Task<Digest?> ResolveTagAsync(string name, string tag, CancellationToken cancellationToken) =>
        blobs.ReadLinkAsync(StoragePaths.TagCurrentLink(name, tag), cancellationToken);

    /// <summary>The manifest bytes if the repository holds that revision, else null.</summary>
    public async Task<byte[]?> GetAsync(string name, Digest digest, CancellationToken cancellationToken)
    {
        if (await blobs.ReadLinkAsync(StoragePaths.ManifestRevisionLink(name, digest), cancellationToken) != digest)
        {
            return null;
        }
        try
        {
            return await blobs.ReadAllAsync(digest, cancellationToken);
        }
        catch (PathNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes a revision and every tag that points at it; false when the revision is unknown.</summary>
    public async Task<bool> DeleteAsync(string name, Digest digest, CancellationToken cancellationToken)
    {
        var link = StoragePaths.ManifestRevisionLink(name, digest);
        if (await blobs.ReadLinkAsync(link, cancellationToken) != digest)
        {
            return false;
        }
        foreach (var tag in await TagsAsync(name, cancellationToken) ?? [])
        {
            if (await ResolveTagAsync(name, tag, cancellationToken) == digest)
            {
                await DeleteTagAsync(name, tag, cancellationToken);
            }
        }
        await Driver.DeleteAsync(link[..link.LastIndexOf('/')], cancellationToken);
        return true;
    }

    public async Task<bool> DeleteTagAsync(string name, string tag, CancellationToken cancellationToken)
    {
        try
        {
            await Driver.DeleteAsync(StoragePaths.Tag(name, tag), cancellationToken);
            return true;
        }
        catch (PathNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The repository's tags sorted, or null when the repository has no manifests at all.</summary>
    public async Task<IReadOnlyList<string>?> TagsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var children = await Driver.ListAsync(StoragePaths.Tags(name), cancellationToken);
            return children.Select(p => p[(p.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).ToList();
        }
        catch (PathNotFoundException)
        {
            return await RepositoryExistsAsync(name, cancellationToken) ? [] : null;
        }
    }

    public async Task<IReadOnlyList<Digest>> RevisionsAsync(string name, CancellationToken cancellationToken)
    {
        var result = new List<Digest>();
        try
        {
            foreach (var algorithmDir in await Driver.ListAsync(StoragePaths.ManifestRevisions(name), cancellationToken))
            {
                var algorithm = algorithmDir[(algorithmDir.LastIndexOf('/') + 1)..];
                foreach (var hexDir in await Driver.ListAsync(algorithmDir, cancellationToken))
                {
                    if (Digest.TryParse(algorithm + ":" + hexDir[(hexDir.LastIndexOf('/') + 1)..], out var digest))
                    {
                        result.Add(digest);
                    }
                }
            }
        }
        catch (PathNotFoundException)
        {
        }
        return result;
    }

    private async Task<bool> RepositoryExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await Driver.StatAsync(StoragePaths.Repository(name), cancellationToken);
            return true;
        }
        catch (PathNotFoundException)
        {
            return false;
        }
    }
}
