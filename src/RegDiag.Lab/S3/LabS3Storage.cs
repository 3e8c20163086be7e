using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RegDiag.Lab.Config;
using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Storage;

namespace RegDiag.Lab.S3;

/// <summary>
/// The lab's S3 storage (`--storage s3`): the S3 endpoint and the registry's s3aws driver pointed at it, with
/// the S3 fault scenarios applied on the side where they happen in production: the endpoint's policy
/// (s3-head-forbidden, s3-put-forbidden) and clock (clock-skew), the registry's configuration (wrong-region,
/// bad-credentials).
/// </summary>
internal sealed class LabS3Storage : IAsyncDisposable
{
    public const string BucketName = "regdiag-lab";
    public const string ConfiguredRegion = "us-east-1";

    /// <summary>Where the bucket "really" is under wrong-region; the registry keeps signing for us-east-1.</summary>
    public const string OtherRegion = "eu-central-1";

    /// <summary>The S3 clock offset under clock-skew: beyond S3's 15 minutes, and beyond the 20-minute presigned lifetime.</summary>
    public static readonly TimeSpan SkewOffset = TimeSpan.FromMinutes(30);

    private LabS3Storage(S3Server server, S3Driver driver, S3DriverOptions driverOptions)
    {
        Server = server;
        Driver = driver;
        DriverOptions = driverOptions;
    }

    public S3Server Server { get; }

    public S3Driver Driver { get; }

    /// <summary>What the registry is configured with (config.yml's storage.s3), scenario mistakes included.</summary>
    public S3DriverOptions DriverOptions { get; }

    public static async Task<LabS3Storage> StartAsync(
        LabOptions options, ScenarioSet scenarios, string dataDirectory, X509Certificate2? certificate, string? caPath,
        CancellationToken cancellationToken)
    {
        var policy = S3Policy.AllowAll;
        if (scenarios.Has(LabScenarios.S3HeadForbidden))
        {
            // Only URLs handed to clients fail: the registry's own calls keep working, as in GitLab's case.
            policy = policy.Deny(S3Action.GetObject, presignedOnly: true);
        }
        if (scenarios.Has(LabScenarios.S3PutForbidden))
        {
            policy = policy.Deny(S3Action.PutObject).Deny(S3Action.AbortMultipartUpload);
        }
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var serverOptions = new S3ServerOptions
        {
            DataDirectory = dataDirectory,
            Bucket = BucketName,
            Region = scenarios.Has(LabScenarios.WrongRegion) ? OtherRegion : ConfiguredRegion,
            AccessKey = "REGDIAGLAB" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)),
            SecretKey = secret,
            ListenAddress = options.ListenAddress,
            Port = options.S3Port,
            Certificate = certificate,
            HostName = options.S3Hostname,
            VirtualHostSuffixes = ["localhost", "s3.test", options.S3Hostname],
            Policy = policy,
            Clock = scenarios.Has(LabScenarios.ClockSkew) ? new ShiftedTimeProvider(SkewOffset) : TimeProvider.System,
        };
        var server = await S3Server.StartAsync(serverOptions, cancellationToken);
        var scheme = certificate != null ? "https" : "http";
        var driverOptions = new S3DriverOptions
        {
            RegionEndpoint = new Uri($"{scheme}://127.0.0.1:{server.Port}"),
            RedirectEndpoint = server.Endpoint,
            Region = ConfiguredRegion,
            Bucket = BucketName,
            AccessKey = serverOptions.AccessKey,
            SecretKey = scenarios.Has(LabScenarios.BadCredentials) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)) : secret,
            TrustedCa = caPath != null ? X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(caPath, cancellationToken)) : null,
        };
        return new LabS3Storage(server, new S3Driver(driverOptions), driverOptions);
    }

    /// <summary>The storage.s3 section of config.yml, in distribution's parameter names.</summary>
    public void WriteConfig(DistributionConfigWriter config) =>
        config.Line(1, "s3")
            .Line(2, "accesskey", DriverOptions.AccessKey)
            .Line(2, "secretkey", DriverOptions.SecretKey)
            .Line(2, "region", DriverOptions.Region)
            .Line(2, "regionendpoint", DriverOptions.RegionEndpoint.GetLeftPart(UriPartial.Authority))
            .Line(2, "bucket", DriverOptions.Bucket)
            .Line(2, "secure", DriverOptions.RegionEndpoint.Scheme == Uri.UriSchemeHttps ? "true" : "false")
            .Line(2, "v4auth", "true")
            .Line(2, "chunksize", DriverOptions.ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        Driver.Dispose();
        await Server.DisposeAsync();
    }
}
