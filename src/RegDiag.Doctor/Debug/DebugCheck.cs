using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Debug;

/// <summary>
/// The registry's debug server (http.debug.addr): /debug/health names the failing health checks that turn
/// every API request into a 503, /debug/vars and /metrics show it is the registry's. It also serves pprof,
/// so it must not answer on an address other machines reach.
/// </summary>
internal sealed class DebugCheck : IDoctorCheck
{
    public string Id => CheckIds.Debug;
    public string Title => "Debug server";
    public TimeSpan Timeout => TimeSpan.FromSeconds(8);
    public IReadOnlyList<string> DependsOn => [];
    public bool NeedsHost => false;

    public async Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var address = context.Options.DebugAddress;
        if (address == null)
        {
            return CheckOutcome.Skip("no --debug-addr given (the registry's http.debug.addr, GitLab registry['debug_addr'])");
        }
        var (host, port) = DebugAddress.Parse(address);
        var baseUri = new Uri($"http://{(host.Contains(':') ? $"[{host}]" : host)}:{port}/");
        using var client = DoctorHttp.Create(context.Trust, TimeSpan.FromSeconds(5));
        var evidence = new List<string>();

        HttpResponseMessage health;
        try
        {
            health = await client.GetAsync(new Uri(baseUri, "debug/health"), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return CheckOutcome.Fail($"the debug server at {address} does not answer: {e.Message}",
                "set http.debug.addr in the registry config (GitLab: registry['debug_addr'] = \"localhost:5001\", then gitlab-ctl reconfigure) and run doctor on the registry host", evidence);
        }
        string healthBody;
        using (health)
        {
            healthBody = await health.Content.ReadAsStringAsync(cancellationToken);
            evidence.Add($"GET /debug/health -> {(int)health.StatusCode}: {Short(healthBody)}");
        }
        var failing = ParseHealth(healthBody);
        evidence.Add(await ProbeAsync(client, new Uri(baseUri, "debug/vars"), "registry", "expvar (cmdline, memstats, registry)", cancellationToken));
        evidence.Add(await ProbeAsync(client, new Uri(baseUri, "metrics"), "registry_", "Prometheus metrics", cancellationToken));

        var exposed = await FindExposedAsync(host, port, context, cancellationToken);
        evidence.AddRange(exposed.Select(a => $"also answers on {a}"));

        if ((int)health.StatusCode == 503 || failing.Count > 0)
        {
            return CheckOutcome.Fail(
                $"health check{(failing.Count == 1 ? "" : "s")} failing: {string.Join("; ", failing.Select(f => $"{f.Key}: {f.Value}"))}: while one fails every API request gets 503 UNAVAILABLE",
                failing.Keys.Any(k => k.StartsWith("storagedriver", StringComparison.Ordinal))
                    ? "the storage driver cannot Stat(\"/\"): check S3 credentials, bucket, region and endpoint (doctor --registry-config) and the registry log"
                    : "fix what the named check reports (a file check fails while its file exists; http/tcp checks name their target)",
                evidence);
        }
        if ((int)health.StatusCode != 200)
        {
            return CheckOutcome.Fail($"/debug/health answers {(int)health.StatusCode}: not a distribution debug server?",
                "point --debug-addr at http.debug.addr", evidence);
        }
        if (exposed.Count > 0)
        {
            return CheckOutcome.Warn($"the debug server also answers on {string.Join(", ", exposed)}: it exposes pprof and internals to the network",
                "bind it to loopback: http.debug.addr: localhost:5001 (GitLab registry['debug_addr'] = \"localhost:5001\")", evidence);
        }
        if (!IsLoopback(host))
        {
            return CheckOutcome.Warn($"the debug server listens on {address}, a non-loopback address: it exposes pprof and internals",
                "bind it to loopback: http.debug.addr: localhost:5001", evidence);
        }
        return CheckOutcome.Pass("health checks all pass; debug server on loopback only", evidence);
    }

    /// <summary>/debug/health is a JSON object of check name to error text; {} when healthy.</summary>
    private static Dictionary<string, string> ParseHealth(string body)
    {
        var failing = new Dictionary<string, string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    failing[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
        }
        return failing;
    }

    private static async Task<string> ProbeAsync(HttpClient client, Uri url, string marker, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? $"GET {url.AbsolutePath} -> {(int)response.StatusCode}: {what}{(body.Contains(marker, StringComparison.Ordinal) ? "" : $" (no '{marker}' in it)")}"
                : $"GET {url.AbsolutePath} -> {(int)response.StatusCode}{(url.AbsolutePath == "/metrics" ? " (enable http.debug.prometheus for metrics)" : "")}";
        }
        catch (HttpRequestException e)
        {
            return $"GET {url.AbsolutePath}: {e.Message}";
        }
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>
    /// When the debug address is loopback, tries the same port on this machine's other addresses and on the
    /// registry host's: a debug server bound to ":5001" answers there too.
    /// </summary>
    private static async Task<List<string>> FindExposedAsync(string host, int port, DoctorContext context, CancellationToken cancellationToken)
    {
        if (!IsLoopback(host))
        {
            return [];
        }
        var candidates = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
            .ToList();
        if (context.Options.Target is { } target && !IsLoopback(target.Host))
        {
            try
            {
                candidates.AddRange((await Dns.GetHostAddressesAsync(target.Host, cancellationToken)).Where(a => !IPAddress.IsLoopback(a)));
            }
            catch (SocketException)
            {
            }
        }
        var answers = await Task.WhenAll(candidates.Distinct().Select(async a =>
        {
            using var tcp = new TcpClient(a.AddressFamily);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                await tcp.ConnectAsync(a, port, cts.Token);
                return new IPEndPoint(a, port).ToString();
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return null;
            }
        }));
        return answers.OfType<string>().ToList();
    }

    private static string Short(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length > 200 ? oneLine[..200] + "…" : oneLine;
    }
}
