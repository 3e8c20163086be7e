using Amazon.S3.Model;

namespace RegDiag.Lab.Storage;

/// <summary>
/// An upload as a multipart upload, following distribution's s3aws writer: bytes are sent as parts of
/// ChunkSize; closing (between PATCH requests) sends what is buffered as a possibly small part; reopening
/// after a small last part completes the upload and starts a new one seeded with the object so far (read
/// back when under 5 MiB, else UploadPartCopy), because S3 rejects parts under 5 MiB except the last.
/// </summary>
internal sealed class S3Writer : IStorageWriter
{
    public const int MinChunkSize = 5 * 1024 * 1024;

    private readonly S3Driver _driver;
    private readonly string _path;
    private readonly string _key;
    private readonly int _chunkSize;
    private readonly List<Part> _parts;
    private readonly MemoryStream _buffer = new();
    private string _uploadId;
    private bool _closed;
    private bool _committed;
    private bool _cancelled;

    public S3Writer(S3Driver driver, string path, string key, string uploadId, List<Part> parts, int chunkSize)
    {
        _driver = driver;
        _path = path;
        _key = key;
        _uploadId = uploadId;
        _parts = parts;
        _chunkSize = chunkSize;
        Size = parts.Sum(p => p.Size);
    }

    public sealed record Part(int Number, string ETag, long Size);

    public long Size { get; private set; }

    public Task WriteAsync(Stream content, CancellationToken cancellationToken) => S3Driver.Call(_path, async () =>
    {
        EnsureOpen();
        if (_parts.Count > 0 && _parts[^1].Size < MinChunkSize)
        {
            await RestartAfterSmallPartAsync(cancellationToken);
        }
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            _buffer.Write(chunk, 0, read);
            Size += read;
            if (_buffer.Length >= _chunkSize)
            {
                await FlushPartAsync(cancellationToken);
            }
        }
        return true;
    });

    public Task CommitAsync(CancellationToken cancellationToken) => S3Driver.Call(_path, async () =>
    {
        EnsureOpen();
        if (_buffer.Length > 0 || _parts.Count == 0)
        {
            await FlushPartAsync(cancellationToken, allowEmpty: true); // S3 needs one part even for an empty blob
        }
        _committed = true;
        try
        {
            await CompleteAsync(cancellationToken);
        }
        catch
        {
            await _driver.Client.AbortMultipartUploadAsync(_driver.Bucket, _key, _uploadId, CancellationToken.None);
            throw;
        }
        return true;
    });

    public Task CancelAsync(CancellationToken cancellationToken) => S3Driver.Call(_path, async () =>
    {
        _cancelled = true;
        await _driver.Client.AbortMultipartUploadAsync(_driver.Bucket, _key, _uploadId, cancellationToken);
        return true;
    });

    /// <summary>Closing without commit keeps the data: what is buffered becomes a part of the upload.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        if (!_committed && !_cancelled && _buffer.Length > 0)
        {
            await S3Driver.Call(_path, async () =>
            {
                await FlushPartAsync(CancellationToken.None);
                return true;
            });
        }
    }

    private async Task RestartAfterSmallPartAsync(CancellationToken cancellationToken)
    {
        await CompleteAsync(cancellationToken);
        var created = await _driver.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = _driver.Bucket, Key = _key, ContentType = "application/octet-stream",
        }, cancellationToken);
        _uploadId = created.UploadId;
        _parts.Clear();
        if (Size < MinChunkSize)
        {
            using var response = await _driver.Client.GetObjectAsync(_driver.Bucket, _key, cancellationToken);
            await response.ResponseStream.CopyToAsync(_buffer, cancellationToken);
        }
        else
        {
            var copied = await _driver.Client.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = _driver.Bucket, SourceKey = _key, DestinationBucket = _driver.Bucket, DestinationKey = _key,
                UploadId = _uploadId, PartNumber = 1,
            }, cancellationToken);
            _parts.Add(new Part(1, copied.ETag, Size));
        }
    }

    private async Task FlushPartAsync(CancellationToken cancellationToken, bool allowEmpty = false)
    {
        if (_buffer.Length == 0 && !allowEmpty)
        {
            return;
        }
        var number = _parts.Count + 1;
        var bytes = _buffer.ToArray();
        var response = await _driver.Client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _driver.Bucket, Key = _key, UploadId = _uploadId, PartNumber = number,
            InputStream = new MemoryStream(bytes),
        }, cancellationToken);
        _parts.Add(new Part(number, response.ETag, bytes.Length));
        _buffer.SetLength(0);
    }

    private Task CompleteAsync(CancellationToken cancellationToken) =>
        _driver.Client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _driver.Bucket, Key = _key, UploadId = _uploadId,
            PartETags = _parts.OrderBy(p => p.Number).Select(p => new PartETag(p.Number, p.ETag)).ToList(),
        }, cancellationToken);

    private void EnsureOpen()
    {
        if (_closed || _committed || _cancelled)
        {
            throw new InvalidOperationException($"{S3DriverErrors.DriverName}: writer for {_path} already {(_committed ? "committed" : _cancelled ? "cancelled" : "closed")}");
        }
    }
}
