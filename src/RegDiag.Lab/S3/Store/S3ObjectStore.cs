using System.Security.Cryptography;
using System.Text.Json;

namespace RegDiag.Lab.S3.Store;

/// <summary>
/// The bucket's contents: an ordered key index in memory, bytes in files under a directory (objects are
/// write-once files, so a reader never sees a half-written overwrite), each with a JSON sidecar describing it
/// so that a lab restarted on the same --data finds its objects again (multipart uploads in progress are
/// not kept). Keys sort by ordinal order, as S3 sorts by UTF-8 bytes.
/// </summary>
internal sealed class S3ObjectStore
{
    private readonly object _lock = new();
    private readonly SortedDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MultipartUpload> _uploads = new(StringComparer.Ordinal);
    private readonly string _dataDirectory;
    private readonly string _tempDirectory;

    public S3ObjectStore(string directory)
    {
        _dataDirectory = Path.Combine(directory, "objects");
        _tempDirectory = Path.Combine(directory, "incoming");
        Directory.CreateDirectory(_dataDirectory);
        Directory.CreateDirectory(_tempDirectory);
        foreach (var stale in Directory.EnumerateFiles(_tempDirectory))
        {
            File.Delete(stale);
        }
        Load();
    }

    private void Load()
    {
        foreach (var sidecar in Directory.EnumerateFiles(_dataDirectory, "*.json"))
        {
            var data = sidecar[..^".json".Length];
            StoredObject? stored = null;
            try
            {
                stored = JsonSerializer.Deserialize<StoredObject>(File.ReadAllText(sidecar)) is { } read && File.Exists(data)
                    ? read with { FilePath = data }
                    : null;
            }
            catch (JsonException)
            {
            }
            if (stored == null)
            {
                continue; // an object whose write never finished
            }
            if (_objects.TryGetValue(stored.Key, out var other) && other.LastModified > stored.LastModified)
            {
                DeleteFile(data);
                continue;
            }
            if (other != null)
            {
                DeleteFile(other.FilePath);
            }
            _objects[stored.Key] = stored;
        }
        var kept = _objects.Values.SelectMany(o => new[] { o.FilePath, o.FilePath + ".json" }).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in Directory.EnumerateFiles(_dataDirectory).Where(f => !kept.Contains(f)))
        {
            File.Delete(orphan); // parts of uploads that did not survive the restart, replaced objects
        }
    }

    /// <summary>A fresh path for receiving a body; hand it to Put/AddPart or delete it.</summary>
    public string NewTempPath() => Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N"));

    public StoredObject? Get(string key)
    {
        lock (_lock)
        {
            return _objects.GetValueOrDefault(key);
        }
    }

    /// <summary>Stores the received file under the key (taking ownership of the file).</summary>
    public StoredObject Put(string key, string receivedFile, long size, string etag, string contentType, DateTimeOffset now)
    {
        var path = Path.Combine(_dataDirectory, Guid.NewGuid().ToString("N"));
        File.Move(receivedFile, path);
        var stored = new StoredObject(key, path, size, etag, now, contentType);
        File.WriteAllText(path + ".json", JsonSerializer.Serialize(stored));
        StoredObject? replaced;
        lock (_lock)
        {
            _objects.TryGetValue(key, out replaced);
            _objects[key] = stored;
        }
        DeleteFile(replaced?.FilePath);
        return stored;
    }

    /// <summary>Copies a byte range of an object into a new temp file (for CopyObject and UploadPartCopy).</summary>
    public async Task<(string Path, long Size, byte[] Md5)> CopyRangeAsync(StoredObject source, long offset, long length, CancellationToken cancellationToken)
    {
        var target = NewTempPath();
        await using var input = new FileStream(source.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
        input.Position = offset;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[81920];
        var remaining = length;
        while (remaining > 0)
        {
            var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                break;
            }
            md5.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            remaining -= read;
        }
        return (target, length - remaining, md5.GetHashAndReset());
    }

    public bool Delete(string key)
    {
        StoredObject? removed;
        lock (_lock)
        {
            if (!_objects.Remove(key, out removed))
            {
                return false;
            }
        }
        DeleteFile(removed.FilePath);
        return true;
    }

    /// <summary>
    /// Lists keys under <paramref name="prefix"/> after <paramref name="marker"/>, grouping by
    /// <paramref name="delimiter"/> into common prefixes (at any depth below the prefix), at most
    /// <paramref name="maxKeys"/> entries (objects and prefixes together), as ListObjects does.
    /// </summary>
    public ListPage List(string prefix, string? delimiter, string? marker, int maxKeys)
    {
        StoredObject[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _objects.Values];
        }
        var entries = new List<ListedEntry>();
        string? lastPrefix = null;
        foreach (var item in snapshot)
        {
            if (!item.Key.StartsWith(prefix, StringComparison.Ordinal)
                || (marker != null && string.CompareOrdinal(item.Key, marker) <= 0))
            {
                continue;
            }
            ListedEntry entry;
            var cut = string.IsNullOrEmpty(delimiter) ? -1 : item.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            if (cut >= 0)
            {
                var common = item.Key[..(cut + delimiter!.Length)];
                // A marker equal to a common prefix (a previous page's NextMarker) skips that whole group.
                if (common == lastPrefix || (marker != null && marker.StartsWith(common, StringComparison.Ordinal)))
                {
                    continue;
                }
                lastPrefix = common;
                entry = new ListedEntry(common, null);
            }
            else
            {
                entry = new ListedEntry(item.Key, item);
            }
            if (entries.Count == maxKeys)
            {
                return new ListPage(entries, true, entries.Count > 0 ? entries[^1].Name : null);
            }
            entries.Add(entry);
        }
        return new ListPage(entries, false, null);
    }

    public MultipartUpload CreateUpload(string key, string contentType, DateTimeOffset now)
    {
        var upload = new MultipartUpload(Convert.ToBase64String(RandomNumberGenerator.GetBytes(33)).Replace('+', '-').Replace('/', '_'), key, contentType, now);
        lock (_lock)
        {
            _uploads[upload.Id] = upload;
        }
        return upload;
    }

    public MultipartUpload? GetUpload(string key, string uploadId)
    {
        lock (_lock)
        {
            return _uploads.TryGetValue(uploadId, out var upload) && upload.Key == key ? upload : null;
        }
    }

    public IReadOnlyList<MultipartUpload> ListUploads(string prefix)
    {
        lock (_lock)
        {
            return _uploads.Values
                .Where(u => u.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.Initiated)
                .ToList();
        }
    }

    public IReadOnlyList<StoredPart> ListParts(MultipartUpload upload)
    {
        lock (_lock)
        {
            return [.. upload.Parts.Values];
        }
    }

    public StoredPart AddPart(MultipartUpload upload, int number, string receivedFile, long size, byte[] md5, DateTimeOffset now)
    {
        var path = Path.Combine(_dataDirectory, Guid.NewGuid().ToString("N"));
        File.Move(receivedFile, path);
        var part = new StoredPart(number, path, size, md5, now);
        StoredPart? replaced;
        lock (_lock)
        {
            if (!_uploads.ContainsKey(upload.Id))
            {
                DeleteFile(path);
                throw new S3Exception(S3ErrorCode.NoSuchUpload);
            }
            upload.Parts.TryGetValue(number, out replaced);
            upload.Parts[number] = part;
        }
        DeleteFile(replaced?.FilePath);
        return part;
    }

    /// <summary>Removes the upload so no part can be added while it completes; returns false if already gone.</summary>
    public bool RemoveUpload(MultipartUpload upload)
    {
        lock (_lock)
        {
            return _uploads.Remove(upload.Id);
        }
    }

    public void DeleteParts(IEnumerable<StoredPart> parts)
    {
        foreach (var part in parts)
        {
            DeleteFile(part.FilePath);
        }
    }

    private static void DeleteFile(string? path)
    {
        if (path != null)
        {
            File.Delete(path + ".json");
            File.Delete(path);
        }
    }
}
