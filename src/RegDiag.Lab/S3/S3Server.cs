using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RegDiag.Lab.S3.Store;

namespace RegDiag.Lab.S3;

/// <summary>
/// The lab's S3-compatible endpoint on its own Kestrel listener: one bucket, SigV4-authenticated, enough of
/// the S3 API for distribution's s3aws driver and the lab's own driver. Start it, read <see cref="Endpoint"/>,
/// dispose to stop.
/// </summary>
internal sealed class S3Server : IAsyncDisposable
{
    private readonly WebApplication _app;

    private S3Server(WebApplication app, S3ServerOptions options, int port)
    {
        _app = app;
        Options = options;
        Port = port;
        Endpoint = new Uri($"{(options.Certificate != null ? "https" : "http")}://{options.HostName}:{port}");
    }

    public S3ServerOptions Options { get; }

    public int Port { get; }

    /// <summary>The base URL clients use (path-style: Endpoint/bucket/key).</summary>
    public Uri Endpoint { get; }

    public static async Task<S3Server> StartAsync(S3ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The default console lifetime would register its own SIGINT/SIGTERM handlers in whatever process embeds
        // the endpoint (the lab command owns those signals and stops the endpoint by disposing it).
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, RegDiag.Lab.Handlers.EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(options.ListenAddress, options.Port, listen =>
            {
                // S3 speaks HTTP/1.1 only; offering h2 over ALPN would let Go clients take a path real S3 never offers.
                listen.Protocols = HttpProtocols.Http1;
                if (options.Certificate != null)
                {
                    listen.UseHttps(options.Certificate);
                }
            });
        });
        var app = builder.Build();
        var handler = new S3RequestHandler(options, new S3ObjectStore(options.DataDirectory));
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new S3Server(app, options, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
