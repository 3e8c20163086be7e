using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RegDiag.Proxy.Tests.Fixtures;

/// <summary>
/// An in-process origin (Kestrel on 127.0.0.1, port 0; HTTPS with h2 and HTTP/1.1, or plain http) that
/// answers with what it received: method, exact request target, protocol, headers, body length and sha256,
/// and the SNI of its TLS connection.
/// Special paths: /redirect (307), /bytes/N (N bytes of octet-stream), /head (Content-Length without body
/// for HEAD), /slow (answers after 3 s).
/// </summary>
internal sealed class EchoOrigin : IAsyncDisposable
{
    private const string SniItem = "echo.sni";

    private readonly WebApplication _app;

    private EchoOrigin(WebApplication app, int port, bool tls)
    {
        _app = app;
        Port = port;
        Tls = tls;
    }

    public int Port { get; }

    public bool Tls { get; }

    /// <summary>The base URL under the name origin.test (Go and .NET clients proxy it; they would not proxy 127.0.0.1).</summary>
    public string BaseUrl => $"{(Tls ? "https" : "http")}://origin.test:{Port}";

    public static async Task<EchoOrigin> StartAsync(X509Certificate2? certificate, bool http2 = true)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate != null)
                {
                    listen.Protocols = http2 ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificateSelector = (connection, sni) =>
                        {
                            connection!.Items[SniItem] = sni;
                            return certificate;
                        },
                    });
                }
            });
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoOrigin(app, new Uri(address).Port, certificate != null);
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/redirect")
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "https://other.test:9/elsewhere?X-Amz-Signature=abc%2Fdef";
            return;
        }
        if (path.StartsWith("/bytes/", StringComparison.Ordinal))
        {
            var size = long.Parse(path["/bytes/".Length..]);
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = size;
            var chunk = Pattern(64 * 1024);
            for (long sent = 0; sent < size; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - sent)));
            }
            return;
        }
        if (path == "/slow")
        {
            await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted);
            return;
        }
        if (path == "/head")
        {
            context.Response.ContentLength = 12345;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(new byte[12345]);
            }
            return;
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long length = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }
        var echo = new Echo(
            context.Request.Method,
            context.Features.Get<IHttpRequestFeature>()!.RawTarget,
            context.Request.Protocol,
            [.. context.Request.Headers.SelectMany(h => h.Value.Select(v => new[] { h.Key, v ?? "" }))],
            length,
            "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()),
            context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(SniItem, out var sni) == true ? sni as string : null);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(echo));
    }

    /// <summary>Deterministic bytes that are not all zeros, so a corrupted copy shows in the hash.</summary>
    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + (i >> 8));
        }
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What <see cref="EchoOrigin"/> answers.</summary>
internal sealed record Echo(string Method, string RawTarget, string Protocol, string[][] Headers, long BodyLength, string BodySha256, string? Sni = null)
{
    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => h[0].Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h[1]);

    public static Echo Parse(string json) =>
        JsonSerializer.Deserialize<Echo>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException("empty echo");
}
