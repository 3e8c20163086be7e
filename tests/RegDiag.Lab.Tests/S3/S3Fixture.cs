using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using RegDiag.Lab.S3;
using RegDiag.Lab.Storage;
using RegDiag.Testing;

namespace RegDiag.Lab.Tests.S3;

/// <summary>A running lab S3 endpoint on a free loopback port, with AWS SDK clients for it.</summary>
internal sealed class S3Fixture : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private S3Fixture(TempDirectory directory, S3Server server, X509Certificate2? ca)
    {
        _directory = directory;
        Server = server;
        Ca = ca;
    }

    public const string TestAccessKey = "REGDIAGTESTACCESSKEY";
    public const string TestSecretKey = "regdiag-test-secret";

    public S3Server Server { get; }

    public X509Certificate2? Ca { get; }

    public string Bucket => Server.Options.Bucket;

    public static async Task<S3Fixture> StartAsync(Func<S3ServerOptions, S3ServerOptions>? configure = null, bool tls = false, string hostName = "127.0.0.1")
    {
        var directory = new TempDirectory("regdiag-s3");
        X509Certificate2? ca = null;
        X509Certificate2? leaf = null;
        if (tls)
        {
            (ca, leaf) = TestCertificates.Create(hostName);
        }
        var options = new S3ServerOptions { DataDirectory = directory.Path, AccessKey = TestAccessKey, SecretKey = TestSecretKey, Certificate = leaf, HostName = hostName, Region = "eu-central-1", Bucket = "lab-bucket" };
        var server = await S3Server.StartAsync(configure?.Invoke(options) ?? options);
        return new S3Fixture(directory, server, ca);
    }

    /// <summary>An HTTPS endpoint with a certificate the caller made (shared with other peers of the test).</summary>
    public static async Task<S3Fixture> StartWithCertificateAsync(X509Certificate2 ca, X509Certificate2 leaf, string hostName)
    {
        var directory = new TempDirectory("regdiag-s3");
        var options = new S3ServerOptions { DataDirectory = directory.Path, AccessKey = TestAccessKey, SecretKey = TestSecretKey, Certificate = leaf, HostName = hostName, Region = "eu-central-1", Bucket = "lab-bucket" };
        return new S3Fixture(directory, await S3Server.StartAsync(options), ca);
    }

    public AmazonS3Client Client(string? accessKey = null, string? secretKey = null, string? region = null, bool pathStyle = true)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = Server.Endpoint.ToString(),
            ForcePathStyle = pathStyle,
            AuthenticationRegion = region ?? Server.Options.Region,
            MaxErrorRetry = 0,
            DisableClockSkewCorrection = true,
            HttpClientFactory = new S3HttpClientFactory(Ca),
        };
        return new AmazonS3Client(new BasicAWSCredentials(accessKey ?? Server.Options.AccessKey, secretKey ?? Server.Options.SecretKey), config);
    }

    /// <summary>A presigned URL for the endpoint's own scheme (the SDK defaults to https).</summary>
    public Task<string> PresignAsync(AmazonS3Client client, string key, HttpVerb verb, int minutes) =>
        client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = verb,
            Expires = DateTime.UtcNow.AddMinutes(minutes),
            Protocol = Server.Endpoint.Scheme == "https" ? Protocol.HTTPS : Protocol.HTTP,
        });

    /// <summary>A plain HttpClient (no redirects, no proxy) trusting the endpoint's CA, for presigned URLs.</summary>
    public HttpClient HttpClient() => new(S3HttpClientFactory.CreateHandler(Ca));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
