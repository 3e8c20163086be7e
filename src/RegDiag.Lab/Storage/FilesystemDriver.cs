namespace RegDiag.Lab.Storage;

/// <summary>distribution's "filesystem" driver: storage paths map onto files under a root directory.</summary>
internal sealed class FilesystemDriver : IStorageDriver
{
    private readonly string _root;

    public FilesystemDriver(string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(rootDirectory);
        _root = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(_root);
    }

    public string Name => "filesystem";

    public string RootDirectory => _root;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        if (!File.Exists(full))
        {
            throw new PathNotFoundException(path, Name);
        }
        return await File.ReadAllBytesAsync(full, cancellationToken);
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Write then rename, so a concurrent reader never sees half a link or manifest.
        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, full, overwrite: true);
    }

    public Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var full = FullPath(path);
        if (!File.Exists(full))
        {
            throw new PathNotFoundException(path, Name);
        }
        var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            81920, useAsync: true);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        return Task.FromResult<Stream>(stream);
    }

    public Task<IStorageWriter> WriterAsync(string path, bool append, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var stream = new FileStream(full, append ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.Write,
            FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        stream.Seek(0, SeekOrigin.End);
        return Task.FromResult<IStorageWriter>(new FilesystemWriter(stream));
    }

    public Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        if (File.Exists(full))
        {
            var file = new FileInfo(full);
            return Task.FromResult(new StorageFileInfo(path, file.Length, file.LastWriteTimeUtc, false));
        }
        if (Directory.Exists(full))
        {
            return Task.FromResult(new StorageFileInfo(path, 0, Directory.GetLastWriteTimeUtc(full), true));
        }
        throw new PathNotFoundException(path, Name);
    }

    public Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        if (!Directory.Exists(full))
        {
            throw new PathNotFoundException(path, Name);
        }
        var prefix = path == "/" ? "" : path.TrimEnd('/');
        IReadOnlyList<string> children = Directory.EnumerateFileSystemEntries(full)
            .Select(p => Path.GetFileName(p))
            .Where(n => !n.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(n => prefix + "/" + n)
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(children);
    }

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        var source = FullPath(sourcePath);
        if (!File.Exists(source))
        {
            throw new PathNotFoundException(sourcePath, Name);
        }
        var destination = FullPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Move(source, destination, overwrite: true);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        if (File.Exists(full))
        {
            File.Delete(full);
        }
        else if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
        }
        else
        {
            throw new PathNotFoundException(path, Name);
        }
        return Task.CompletedTask;
    }

    public Task<Uri?> RedirectUrlAsync(string method, string path, CancellationToken cancellationToken) =>
        Task.FromResult<Uri?>(null);

    private string FullPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/') || path.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new ArgumentException($"invalid storage path: {path}", nameof(path));
        }
        return _root + path.TrimEnd('/');
    }
}
