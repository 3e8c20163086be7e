using RegDiag.Lab.Scenarios;

namespace RegDiag.Lab.Storage;

/// <summary>
/// Creates the driver for --storage (distribution registers drivers by name in a factory the same way),
/// wrapped by the storage scenarios that act on any backend.
/// </summary>
internal static class StorageFactory
{
    public static IStorageDriver Create(LabOptions options, ScenarioSet scenarios, string? dataDirectory, IStorageDriver? s3Driver)
    {
        IStorageDriver driver = options.Storage switch
        {
            LabStorageKind.Filesystem => new FilesystemDriver(dataDirectory ?? throw new ArgumentException("filesystem storage needs a data directory")),
            LabStorageKind.S3 => s3Driver ?? throw new ArgumentException("s3 storage needs the lab's S3 endpoint"),
            _ => throw new ArgumentException($"storage {options.Storage} is not available in this build"),
        };
        if (scenarios.Has(LabScenarios.SlowStorage))
        {
            driver = new SlowStorageDriver(driver, options.SlowStorageDelay);
        }
        return driver;
    }
}
