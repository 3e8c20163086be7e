using RegDiag.Lab.Auth;
using RegDiag.Lab.Debug;
using RegDiag.Lab.Logging;
using RegDiag.Lab.Registry;
using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Storage;

namespace RegDiag.Lab.Handlers;

/// <summary>What the handlers share for one running lab.</summary>
internal sealed class LabServices
{
    public LabServices(LabOptions options, IStorageDriver driver, ScenarioSet scenarios, LogrusWriter log, TokenService? tokens)
    {
        Options = options;
        driver = new MeasuredStorageDriver(driver, Metrics);
        Driver = driver;
        Scenarios = scenarios;
        Log = log;
        Tokens = tokens;
        Blobs = new BlobStore(driver);
        Uploads = new UploadStore(Blobs);
        Manifests = new ManifestStore(Blobs);
        Catalog = new RepositoryCatalog(driver);
        UploadStates = new UploadStateCodec(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Health = new HealthChecker(driver, scenarios);
        Flaky = new FlakyFaults(options.FlakySeed, options.FlakyRate);
    }

    public LabOptions Options { get; }
    public IStorageDriver Driver { get; }
    public ScenarioSet Scenarios { get; }
    public LogrusWriter Log { get; }
    public TokenService? Tokens { get; }
    public string InstanceId { get; } = Guid.NewGuid().ToString();
    public BlobStore Blobs { get; }
    public UploadStore Uploads { get; }
    public ManifestStore Manifests { get; }
    public RepositoryCatalog Catalog { get; }
    public UploadStateCodec UploadStates { get; }
    public HealthChecker Health { get; }
    public FlakyFaults Flaky { get; }
    public RegistryMetrics Metrics { get; } = new();
}
