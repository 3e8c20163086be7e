using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace RegDiag.Lab.Storage;

/// <summary>
/// distribution's "s3aws" storage driver over the AWS SDK: the same object keys (rootdirectory + path), the
/// same calls (Stat by HeadObject falling back to ListObjectsV2, List with delimiter "/", Move by CopyObject
/// then delete, uploads as multipart uploads resumed through ListMultipartUploads/ListParts) and presigned
/// GET/HEAD redirects valid 20 minutes. Every call is a real SigV4-signed request, so a wrong key, region or
/// clock fails here the way it fails in a production registry.
/// </summary>
internal sealed class S3Driver : IStorageDriver, IDisposable
{
    private readonly S3DriverOptions _options;
    private readonly AmazonS3Client _client;
    private readonly AmazonS3Client _presigner;

    public S3Driver(S3DriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChunkSize < S3Writer.MinChunkSize)
        {
            throw new ArgumentException($"chunksize {options.ChunkSize} should be at least {S3Writer.MinChunkSize}", nameof(options));
        }
        _options = options;
        var credentials = new BasicAWSCredentials(options.AccessKey, options.SecretKey);
        _client = new AmazonS3Client(credentials, Config(options.RegionEndpoint, options));
        _presigner = new AmazonS3Client(credentials, Config(options.RedirectEndpoint ?? options.RegionEndpoint, options));
    }

    public string Name => S3DriverErrors.DriverName;

    internal AmazonS3Client Client => _client;

    internal string Bucket => _options.Bucket;

    private static AmazonS3Config Config(Uri endpoint, S3DriverOptions options) => new()
    {
        ServiceURL = endpoint.GetLeftPart(UriPartial.Authority),
        ForcePathStyle = true, // distribution forces path-style whenever regionendpoint is set
        AuthenticationRegion = options.Region,
        HttpClientFactory = new S3HttpClientFactory(options.TrustedCa),
        // aws-sdk-go v1 (distribution 2.8) does not correct clock skew; the SDK's correction would hide it.
        DisableClockSkewCorrection = true,
        MaxErrorRetry = 2,
        Timeout = TimeSpan.FromMinutes(5),
    };

    /// <summary>The object key for a storage path, as distribution's s3Path.</summary>
    internal string KeyFor(string path) => (_options.RootDirectory.TrimEnd('/') + path).TrimStart('/');

    public Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken) => Call(path, async () =>
    {
        using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = KeyFor(path) }, cancellationToken);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    });

    public Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => Call(path, async () =>
    {
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = KeyFor(path),
            ContentType = "application/octet-stream",
            InputStream = new MemoryStream(content.ToArray()),
        }, cancellationToken);
        return true;
    });

    public Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken) => Call(path, async () =>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        try
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = Bucket,
                Key = KeyFor(path),
                ByteRange = offset > 0 ? new ByteRange($"bytes={offset}-") : null,
            }, cancellationToken);
            return (Stream)new S3ResponseStream(response);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "InvalidRange")
        {
            return new MemoryStream([], writable: false); // reading at or past the end: nothing, as distribution
        }
    });

    public Task<IStorageWriter> WriterAsync(string path, bool append, CancellationToken cancellationToken) => Call(path, async () =>
    {
        var key = KeyFor(path);
        if (!append)
        {
            var created = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
            {
                BucketName = Bucket, Key = key, ContentType = "application/octet-stream",
            }, cancellationToken);
            return (IStorageWriter)new S3Writer(this, path, key, created.UploadId, [], _options.ChunkSize);
        }
        var uploads = await _client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = key }, cancellationToken);
        foreach (var upload in uploads.MultipartUploads ?? [])
        {
            if (upload.Key != key)
            {
                continue;
            }
            var parts = new List<PartDetail>();
            var request = new ListPartsRequest { BucketName = Bucket, Key = key, UploadId = upload.UploadId };
            while (true)
            {
                var page = await _client.ListPartsAsync(request, cancellationToken);
                parts.AddRange(page.Parts ?? []);
                if (page.IsTruncated != true)
                {
                    break;
                }
                request.PartNumberMarker = page.NextPartNumberMarker?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return new S3Writer(this, path, key, upload.UploadId, parts.Select(p => new S3Writer.Part(p.PartNumber ?? 0, p.ETag, p.Size ?? 0)).ToList(), _options.ChunkSize);
        }
        throw new PathNotFoundException(path, Name);
    });

    public Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken) => Call(path, async () =>
    {
        var key = KeyFor(path);
        if (key.Length > 0 && !key.EndsWith('/'))
        {
            try
            {
                var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken);
                return new StorageFileInfo(path, head.ContentLength, head.LastModified ?? DateTime.UtcNow, false);
            }
            catch (AmazonS3Exception)
            {
                // As distribution: HEAD answers 404 for "directories" and 403 without s3:GetObject; a listing
                // (s3:ListBucket) decides instead.
            }
            var exact = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = key, MaxKeys = 1 }, cancellationToken);
            var first = exact.S3Objects?.FirstOrDefault();
            if (first != null && first.Key == key)
            {
                return new StorageFileInfo(path, first.Size ?? 0, first.LastModified ?? DateTime.UtcNow, false);
            }
        }
        var directoryPrefix = key.Length == 0 || key.EndsWith('/') ? key : key + "/";
        var children = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = directoryPrefix, MaxKeys = 1 }, cancellationToken);
        if ((children.S3Objects?.Count ?? 0) > 0)
        {
            return new StorageFileInfo(path, 0, DateTimeOffset.UtcNow, true);
        }
        throw new PathNotFoundException(path, Name);
    });

    public Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken) => Call(path, async () =>
    {
        var directory = path == "/" ? path : path.TrimEnd('/') + "/";
        var prefix = KeyFor(directory);
        var root = KeyFor("/");
        var files = new List<string>();
        var directories = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, Delimiter = "/", MaxKeys = 1000 };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            files.AddRange((page.S3Objects ?? []).Select(o => PathFor(o.Key, root)));
            directories.AddRange((page.CommonPrefixes ?? []).Select(p => PathFor(p.TrimEnd('/'), root)));
            if (page.IsTruncated != true)
            {
                break;
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
        if (path != "/" && files.Count == 0 && directories.Count == 0)
        {
            throw new PathNotFoundException(path, Name);
        }
        return (IReadOnlyList<string>)[.. files, .. directories];
    });

    public Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken) => Call(sourcePath, async () =>
    {
        var size = (await StatAsync(sourcePath, cancellationToken)).Size;
        var source = KeyFor(sourcePath);
        var destination = KeyFor(destinationPath);
        if (size <= _options.MultipartCopyThreshold)
        {
            await _client.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = Bucket, SourceKey = source, DestinationBucket = Bucket, DestinationKey = destination,
                ContentType = "application/octet-stream",
            }, cancellationToken);
        }
        else
        {
            await MultipartCopyAsync(source, destination, size, cancellationToken);
        }
        await DeleteAsync(sourcePath, cancellationToken);
        return true;
    });

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => Call(path, async () =>
    {
        var key = KeyFor(path);
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = key };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            // Only the path itself and what is below it: "a/b" must not take "a/bc" with it.
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key).Where(k => k == key || k.StartsWith(key.TrimEnd('/') + "/", StringComparison.Ordinal)));
            if (page.IsTruncated != true)
            {
                break;
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
        if (keys.Count == 0)
        {
            throw new PathNotFoundException(path, Name);
        }
        foreach (var batch in keys.Chunk(1000))
        {
            var result = await _client.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = Bucket,
                Objects = batch.Select(k => new KeyVersion { Key = k }).ToList(),
            }, cancellationToken);
            if (result.DeleteErrors is { Count: > 0 } errors)
            {
                throw new StorageException($"{Name}: {errors[0].Code}: {errors[0].Message}");
            }
        }
        return true;
    });

    public async Task<Uri?> RedirectUrlAsync(string method, string path, CancellationToken cancellationToken)
    {
        if (method is not ("GET" or "HEAD"))
        {
            return null;
        }
        var endpoint = _options.RedirectEndpoint ?? _options.RegionEndpoint;
        var url = await _presigner.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = KeyFor(path),
            Verb = method == "GET" ? HttpVerb.GET : HttpVerb.HEAD,
            Expires = DateTime.UtcNow + _options.RedirectExpiry,
            Protocol = endpoint.Scheme == Uri.UriSchemeHttps ? Protocol.HTTPS : Protocol.HTTP,
        });
        return new Uri(url);
    }

    private async Task MultipartCopyAsync(string source, string destination, long size, CancellationToken cancellationToken)
    {
        const long partSize = 32 * 1024 * 1024;
        var created = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = Bucket, Key = destination, ContentType = "application/octet-stream",
        }, cancellationToken);
        var tags = new List<PartETag>();
        for (long first = 0, number = 1; first < size; first += partSize, number++)
        {
            var copied = await _client.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = Bucket, SourceKey = source, DestinationBucket = Bucket, DestinationKey = destination,
                UploadId = created.UploadId, PartNumber = (int)number,
                FirstByte = first, LastByte = Math.Min(first + partSize, size) - 1,
            }, cancellationToken);
            tags.Add(new PartETag((int)number, copied.ETag));
        }
        await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = Bucket, Key = destination, UploadId = created.UploadId, PartETags = tags,
        }, cancellationToken);
    }

    private static string PathFor(string key, string root) =>
        root.Length == 0 ? "/" + key : key[root.TrimEnd('/').Length..];

    /// <summary>Runs an SDK call, mapping its failures to PathNotFound / "s3aws: …" storage errors.</summary>
    internal static async Task<T> Call<T>(string path, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw S3DriverErrors.Map(e, path);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _presigner.Dispose();
    }
}
