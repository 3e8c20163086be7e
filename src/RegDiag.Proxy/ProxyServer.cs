using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RegDiag.Core;
using RegDiag.Core.Capture;
using RegDiag.Core.Journal;
using RegDiag.Proxy.Certificates;
using RegDiag.Proxy.Connect;
using RegDiag.Proxy.Forwarding;
using RegDiag.Proxy.Recording;
using RegDiag.Proxy.Transport;
using Yarp.ReverseProxy.Forwarder;

namespace RegDiag.Proxy;

/// <summary>
/// The intercepting proxy, running. Start it with <see cref="StartAsync"/>, point clients at
/// <see cref="ProxyUri"/>, trust <see cref="CaCertificatePath"/>; every completed exchange goes to the journal
/// at <see cref="JournalPath"/> and to the sinks given. Dispose to stop.
/// </summary>
public sealed class ProxyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CertificateAuthority _ca;
    private readonly JournalWriter _journal;
    private readonly UpstreamClients _upstream;
    private readonly ExchangePublisher _publisher;
    private int _disposed;

    private ProxyServer(
        WebApplication app, CertificateAuthority ca, JournalWriter journal, UpstreamClients upstream,
        ExchangePublisher publisher, IPEndPoint endpoint)
    {
        _app = app;
        _ca = ca;
        _journal = journal;
        _upstream = upstream;
        _publisher = publisher;
        Endpoint = endpoint;
    }

    /// <summary>The address the proxy listens on (with the real port when 0 was asked).</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>What to put in HTTP_PROXY / HTTPS_PROXY, e.g. http://127.0.0.1:8080.</summary>
    public string ProxyUri => $"http://{Endpoint}";

    /// <summary>The CA certificate (PEM) clients must trust.</summary>
    public string CaCertificatePath => _ca.CertificatePath;

    /// <summary>The session journal (JSON lines, one exchange each).</summary>
    public string JournalPath => _journal.Path;

    /// <summary>The upstream clients (tests watch the per-SNI cache).</summary>
    internal UpstreamClients Upstream => _upstream;

    /// <summary>The first exception a sink threw, if any (sinks must not throw; capture goes on regardless).</summary>
    public Exception? SinkFailure => _publisher.FirstSinkFailure;

    public static async Task<ProxyServer> StartAsync(
        ProxyOptions options, IEnumerable<IExchangeSink> sinks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sinks);
        if (!IPAddress.IsLoopback(options.ListenAddress) && !options.AllowRemote)
        {
            throw new InputException(
                $"refusing to listen on {options.ListenAddress}: anyone who can reach it could use the proxy; " +
                "pass --allow-remote if that is what you want");
        }
        var home = options.Home ?? RegDiagHome.Resolve();
        var trust = new UpstreamTrust(options.UpstreamCaFiles, options.InsecureUpstream);
        var ca = CertificateAuthority.LoadOrCreate(options.CaDirectory ?? RegDiagHome.CaDirectory(home));
        var journal = new JournalWriter(options.JournalPath ?? Path.Combine(
            RegDiagHome.SessionsDirectory(home), $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}.jsonl"));
        var publisher = new ExchangePublisher([new JournalSink(journal), .. sinks]);
        var upstream = new UpstreamClients(trust);
        var connect = new ConnectMiddleware(new LeafCertificateCache(ca.Certificate), new HostGlobs(options.Passthrough, options.Intercept), publisher);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // No logging providers: YARP logs forwarding errors with stack traces; the exchange's error field
        // carries the same facts to the journal instead of the console.
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("REGDIAG_PROXY_DEBUG_LOG") == "1")
        {
            // For developers of the proxy only: Kestrel's and YARP's own logs on stderr.
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.AllowHostHeaderOverride = true;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            // Layer-sized bodies: large HTTP/2 windows cut WINDOW_UPDATE round trips on uploads.
            kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 2 * 1024 * 1024;
            kestrel.Listen(options.ListenAddress, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.Use(next => connection => connect.OnConnectionAsync(connection, next));
            });
        });
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        // Kestrel pauses a connection's writer once 64 KiB wait to be sent; a download arrives as 16 KiB TLS
        // records, so the proxy stalled and resumed every few records. 1 MiB per connection, measured with
        // 1 GiB downloads: about 8% less CPU.
        builder.WebHost.UseSockets(sockets => sockets.MaxWriteBufferSize = 1024 * 1024);
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var handler = new ForwardingHandler(app.Services.GetRequiredService<IHttpForwarder>(), upstream, publisher, options.ActivityTimeout);
        app.Run(handler.InvokeAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            journal.Dispose();
            upstream.Dispose();
            ca.Dispose();
            throw new InputException($"cannot listen on {options.ListenAddress}:{options.Port}: {e.Message} (pick another with --port)", e);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var endpoint = new IPEndPoint(options.ListenAddress, new Uri(address).Port);
        return new ProxyServer(app, ca, journal, upstream, publisher, endpoint);
    }

    /// <summary>Stops accepting, lets exchanges in flight finish for a moment, then closes everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(grace.Token);
        }
        await _app.DisposeAsync();
        _upstream.Dispose();
        _journal.Dispose();
        _ca.Dispose();
    }
}
