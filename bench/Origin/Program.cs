// A minimal HTTPS origin for bench/proxy-throughput.sh: streams N bytes down, swallows uploads, answers
// tiny requests. Kestrel, so that the origin is never the bottleneck the benchmark measures.
// Usage: bench-origin --cert FILE --key FILE [--port N] [--max-seconds N]; prints "listening on PORT".
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
if (!options.TryGetValue("cert", out var certFile) || !options.TryGetValue("key", out var keyFile))
{
    Console.Error.WriteLine("usage: bench-origin --cert FILE --key FILE [--port N] [--max-seconds N]");
    return 2;
}
var port = int.Parse(options.GetValueOrDefault("port", "0"));
var lifetime = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("max-seconds", "1800")));
var certificate = X509Certificate2.CreateFromPemFile(certFile, keyFile);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = null;
    kestrel.Listen(System.Net.IPAddress.Loopback, port, listen => listen.UseHttps(certificate));
});
var app = builder.Build();

var chunk = new byte[256 * 1024];
Random.Shared.NextBytes(chunk);

app.MapGet("/bytes/{size:long}", async (long size, HttpContext context) =>
{
    context.Response.ContentType = "application/octet-stream";
    context.Response.ContentLength = size;
    for (var left = size; left > 0; left -= chunk.Length)
    {
        await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), context.RequestAborted);
    }
});
app.MapMethods("/upload", ["PUT", "POST", "PATCH"], async (HttpContext context) =>
{
    var buffer = new byte[256 * 1024];
    long total = 0;
    int read;
    while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
    {
        total += read;
    }
    return Results.Text($"{total}\n");
});
app.MapGet("/small", () => Results.Text("ok\n"));

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"listening on {new Uri(address).Port}");
// Stops by itself, so a benchmark that dies cannot leave it behind for long.
await Task.WhenAny(app.WaitForShutdownAsync(), Task.Delay(lifetime));
await app.StopAsync();
return 0;
