using Microsoft.AspNetCore.Builder;
using RegDiag.Lab.Handlers;
using RegDiag.Lab.Logging;
using RegDiag.Lab.S3;
using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Tls;

namespace RegDiag.Lab;

/// <summary>A started lab: where to reach it and how to trust and log in to it. Dispose to stop it.</summary>
public sealed class RunningLab : IAsyncDisposable
{
    private readonly WebApplication _registry;
    private readonly WebApplication _debug;
    private readonly LogrusWriter _log;
    private readonly LabCertificateAuthority? _ca;
    private readonly string? _temporaryData;
    private int _disposed;

    internal RunningLab(LabOptions options, WebApplication registry, WebApplication debug, int registryPort, int debugPort,
        LabServices services, LogrusWriter log, LabCertificateAuthority? ca, string labDirectory, string? dataDirectory,
        string? temporaryData, IReadOnlyList<LabUser> users, LabS3Storage? s3 = null)
    {
        Options = options;
        _registry = registry;
        _debug = debug;
        RegistryPort = registryPort;
        DebugPort = debugPort;
        Services = services;
        _log = log;
        _ca = ca;
        LabDirectory = labDirectory;
        DataDirectory = dataDirectory;
        _temporaryData = temporaryData;
        Users = users;
        S3 = s3;
    }

    public LabOptions Options { get; }

    public int RegistryPort { get; }

    public int DebugPort { get; }

    /// <summary>https://127.0.0.1:PORT/ (http with --plain-http).</summary>
    public Uri RegistryUri => RegistryUriFor("127.0.0.1");

    /// <summary>host:port as image references use it, e.g. 127.0.0.1:5000.</summary>
    public string RegistryHost => $"127.0.0.1:{RegistryPort}";

    /// <summary>The debug server: /debug/health, /debug/vars, /metrics (always plain HTTP, like distribution's).</summary>
    public Uri DebugUri => new($"http://127.0.0.1:{DebugPort}/");

    /// <summary>$REGDIAG_HOME/lab/ca.pem, the CA that signed the registry's certificate; null with plain HTTP.</summary>
    public string? CaCertificatePath => _ca?.CertificatePath;

    /// <summary>$REGDIAG_HOME/lab/certs, holding ca.crt: what skopeo's --dest-cert-dir and --src-cert-dir take; null with plain HTTP.</summary>
    public string? CertDirectory => _ca == null ? null : Path.Combine(LabDirectory, "certs");

    /// <summary>$REGDIAG_HOME/lab: ca.pem, ca-key.pem, config.yml.</summary>
    public string LabDirectory { get; }

    /// <summary>$REGDIAG_HOME/lab/config.yml, distribution's configuration describing this lab.</summary>
    public string ConfigPath => Path.Combine(LabDirectory, "config.yml");

    /// <summary>The filesystem storage root (null with S3 storage).</summary>
    public string? DataDirectory { get; }

    /// <summary>Token-auth users (empty with --auth none).</summary>
    public IReadOnlyList<LabUser> Users { get; }

    /// <summary>The injected fault scenarios.</summary>
    public ScenarioSet Scenarios => Services.Scenarios;

    internal LabServices Services { get; }

    /// <summary>The S3 endpoint and driver with `--storage s3`, else null.</summary>
    internal LabS3Storage? S3 { get; }

    /// <summary>The S3 endpoint's base URL (on --s3-hostname) with S3 storage, else null.</summary>
    public Uri? S3Uri => S3?.Server.Endpoint;

    /// <summary>The S3 endpoint, bucket, region (as the registry is configured) and access key; null with fs storage.</summary>
    public LabS3Endpoint? S3Endpoint => S3 == null ? null
        : new LabS3Endpoint(S3.Server.Endpoint, S3.DriverOptions.Bucket, S3.DriverOptions.Region, S3.DriverOptions.AccessKey);

    /// <summary>The registry's URL under another name the certificate covers (a --hostname, localhost).</summary>
    public Uri RegistryUriFor(string hostname) =>
        new($"{(Options.PlainHttp ? "http" : "https")}://{hostname}:{RegistryPort}/");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _registry.StopAsync(timeout.Token);
            await _debug.StopAsync(timeout.Token);
        }
        await _registry.DisposeAsync();
        await _debug.DisposeAsync();
        if (S3 != null)
        {
            await S3.DisposeAsync();
        }
        _log.Dispose();
        _ca?.Dispose();
        if (_temporaryData != null)
        {
            try
            {
                Directory.Delete(_temporaryData, recursive: true);
            }
            catch (IOException)
            {
                // Something still holds a file; it is under /tmp.
            }
        }
    }
}
