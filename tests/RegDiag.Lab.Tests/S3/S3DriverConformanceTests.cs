using RegDiag.Lab.Storage;
using RegDiag.Lab.Tests.Storage;

namespace RegDiag.Lab.Tests.S3;

/// <summary>The storage driver contract, run against the s3aws driver on a lab S3 endpoint over TLS.</summary>
public sealed class S3DriverConformanceTests : StorageDriverConformanceTests
{
    private S3Fixture? _s3;
    private S3Driver? _driver;

    internal override async Task<IStorageDriver> CreateDriverAsync()
    {
        _s3 = await S3Fixture.StartAsync(tls: true);
        _driver = new S3Driver(new S3DriverOptions
        {
            RegionEndpoint = _s3.Server.Endpoint,
            Region = _s3.Server.Options.Region,
            Bucket = _s3.Bucket,
            AccessKey = _s3.Server.Options.AccessKey,
            SecretKey = _s3.Server.Options.SecretKey,
            RootDirectory = "/conformance",
            ChunkSize = S3Writer.MinChunkSize,
            TrustedCa = _s3.Ca,
        });
        return _driver;
    }

    protected override async Task CleanupAsync()
    {
        _driver?.Dispose();
        if (_s3 != null)
        {
            await _s3.DisposeAsync();
        }
    }
}
