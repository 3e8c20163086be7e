using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RegDiag.Lab.Auth;
using RegDiag.Lab.Config;
using RegDiag.Lab.Debug;
using RegDiag.Lab.Handlers;
using RegDiag.Lab.Logging;
using RegDiag.Lab.S3;
using RegDiag.Lab.Scenarios;
using RegDiag.Lab.Storage;
using RegDiag.Lab.Tls;

namespace RegDiag.Lab;

/// <summary>Starts the lab: a registry (Kestrel, TLS with the lab CA unless plain HTTP) and its debug server.</summary>
public static class LabHost
{
    /// <summary>
    /// Starts a lab and returns once both servers listen. Throws <see cref="ArgumentException"/> for bad options
    /// (unknown scenario, unusable storage); dispose the result to stop it.
    /// </summary>
    public static async Task<RunningLab> StartAsync(LabOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenarios = new ScenarioSet(options.Scenarios);
        var labDirectory = Path.Combine(options.ResolveHome(), "lab");
        Directory.CreateDirectory(labDirectory);

        string? temporaryData = null;
        var dataDirectory = options.DataDirectory;
        if (dataDirectory == null)
        {
            temporaryData = Directory.CreateTempSubdirectory("regdiag-lab-").FullName;
            dataDirectory = temporaryData;
        }
        LabCertificateAuthority? ca = null;
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null;
        if (!options.PlainHttp)
        {
            ca = LabCertificateAuthority.LoadOrCreate(labDirectory);
            certificate = ca.IssueServerCertificate(options.Hostnames);
            // skopeo's --dest-cert-dir/--src-cert-dir and docker's certs.d read *.crt files from a directory.
            var certs = Path.Combine(labDirectory, "certs");
            Directory.CreateDirectory(certs);
            File.Copy(ca.CertificatePath, Path.Combine(certs, "ca.crt"), overwrite: true);
        }
        LabS3Storage? s3 = null;
        if (options.Storage == LabStorageKind.S3)
        {
            s3 = await LabS3Storage.StartAsync(options, scenarios, dataDirectory,
                ca?.IssueServerCertificate([.. options.Hostnames, options.S3Hostname, "s3.test"]), ca?.CertificatePath, cancellationToken);
        }
        var driver = StorageFactory.Create(options, scenarios, dataDirectory, s3?.Driver);

        var users = options.Users;
        if (options.Auth == LabAuthMode.Token && users.Count == 0)
        {
            users = [new LabUser("lab", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)))];
        }
        var outputs = new List<TextWriter>();
        if (options.LogOutput != null)
        {
            outputs.Add(options.LogOutput);
        }
        StreamWriter? logFile = null;
        if (options.LogFile != null)
        {
            logFile = new StreamWriter(new FileStream(options.LogFile, FileMode.Append, FileAccess.Write, FileShare.Read));
            outputs.Add(logFile);
        }
        var log = new LogrusWriter(outputs, logFile);
        var tokens = options.Auth == LabAuthMode.Token ? new TokenService(users, options, scenarios, log) : null;
        var services = new LabServices(options, driver, scenarios, log, tokens);

        var dispatcher = new RegistryDispatcher(services);
        var registry = Build(options.ListenAddress, options.Port, certificate, dispatcher.HandleAsync);
        var debugEndpoints = new DebugEndpoints(services);
        var debug = Build(options.ListenAddress, options.DebugPort, null, debugEndpoints.HandleAsync);
        await registry.StartAsync(cancellationToken);
        await debug.StartAsync(cancellationToken);
        var lab = new RunningLab(options, registry, debug, PortOf(registry), PortOf(debug), services, log, ca,
            labDirectory, options.Storage == LabStorageKind.Filesystem ? dataDirectory : null, temporaryData, users, s3);
        await File.WriteAllTextAsync(lab.ConfigPath, LabConfigFile.For(lab), cancellationToken);
        if (s3 != null && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(lab.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite); // it holds the S3 secret key
        }
        log.Write("info", $"listening on {options.ListenAddress}:{lab.RegistryPort}" + (options.PlainHttp ? "" : ", tls"), [
            new("instance.id", services.InstanceId), new("service", "registry"), new("version", "v2.8.2+regdiag-lab")]);
        log.Write("info", $"debug server listening {options.ListenAddress}:{lab.DebugPort}", []);
        return lab;
    }

    private static WebApplication Build(IPAddress address, int port,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Layers are large: no body limit, as distribution has none (a front proxy may; see body-too-large).
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, listen =>
            {
                if (certificate != null)
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.Run(handler);
        return app;
    }

    private static int PortOf(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
    }
}
