using RegDiag.Lab.Storage;

namespace RegDiag.Lab.Registry;

/// <summary>
/// Lists repositories as distribution's catalog does: walks repositories/ and reports every directory that
/// holds a _manifests, _layers or _uploads child, whatever its depth (multi-level names).
/// </summary>
internal sealed class RepositoryCatalog(IStorageDriver driver)
{
    public async Task<IReadOnlyList<string>> RepositoriesAsync(CancellationToken cancellationToken)
    {
        var result = new List<string>();
        try
        {
            await WalkAsync(StoragePaths.Repositories, result, cancellationToken);
        }
        catch (PathNotFoundException)
        {
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private async Task WalkAsync(string directory, List<string> result, CancellationToken cancellationToken)
    {
        var children = await driver.ListAsync(directory, cancellationToken);
        var isRepository = false;
        foreach (var child in children)
        {
            var leaf = child[(child.LastIndexOf('/') + 1)..];
            if (leaf.StartsWith('_'))
            {
                isRepository |= leaf is "_manifests" or "_layers" or "_uploads";
                continue;
            }
            try
            {
                await WalkAsync(child, result, cancellationToken);
            }
            catch (PathNotFoundException)
            {
                // A file or a directory removed meanwhile: not a repository.
            }
        }
        if (isRepository)
        {
            result.Add(directory[(StoragePaths.Repositories.Length + 1)..]);
        }
    }
}
