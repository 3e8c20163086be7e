using System.Net;
using System.Net.Sockets;
using RegDiag.Doctor.Checks;

namespace RegDiag.Doctor.Reachability;

/// <summary>
/// DNS (every address), a TCP connection to each, and which protocol the port speaks, so that
/// "server gave HTTP response to HTTPS client" (and the reverse) is named before anything else.
/// </summary>
internal sealed class ReachabilityCheck : IDoctorCheck
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    public string Id => CheckIds.Reachability;
    public string Title => "DNS, TCP and protocol";
    public TimeSpan Timeout => TimeSpan.FromSeconds(10);
    public IReadOnlyList<string> DependsOn => [];
    public bool NeedsHost => true;

    public async Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var target = context.Options.Target!;
        var evidence = new List<string>();
        IPAddress[] addresses;
        if (IPAddress.TryParse(target.Host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(target.Host, cancellationToken);
            }
            catch (SocketException e)
            {
                return CheckOutcome.Fail(
                    $"{target.Host} does not resolve: {e.Message}",
                    "check the name for typos, the DNS server (/etc/resolv.conf) and /etc/hosts on this machine and on the Docker host",
                    [$"DNS lookup of {target.Host}: {e.SocketErrorCode}"]);
            }
            evidence.Add($"DNS {target.Host} -> {string.Join(", ", addresses.Select(a => a.ToString()))}");
        }
        if (addresses.Length == 0)
        {
            return CheckOutcome.Fail($"{target.Host} resolves to no address", "add an A/AAAA record or an /etc/hosts entry");
        }

        var attempts = await Task.WhenAll(addresses.Select(a => ConnectAsync(a, target.Port, cancellationToken)));
        var connectable = attempts.Where(a => a.Error == null).Select(a => a.Address).ToList();
        evidence.AddRange(attempts.Select(a => a.Error == null
            ? $"TCP {Endpoint(a.Address, target.Port)}: connected in {a.Milliseconds:0} ms"
            : $"TCP {Endpoint(a.Address, target.Port)}: {a.Error}"));
        if (connectable.Count == 0)
        {
            return CheckOutcome.Fail(
                $"nothing accepts connections on port {target.Port} of {target.Host}",
                $"start the registry or open the firewall; check that it listens on {target.Port} and on the address clients use (not only 127.0.0.1)",
                evidence);
        }

        var first = connectable[0];
        var authority = target.Authority;
        var (answer, detail) = target.Https
            ? await ProtocolProbe.ProbeTlsAsync(first, target.Port, target.Host, cancellationToken)
            : await ProtocolProbe.ProbeHttpAsync(first, target.Port, authority, cancellationToken);
        if (!target.Https && answer == ProtocolProbe.Answer.Other)
        {
            // Some TLS servers (Kestrel) close silently on plain HTTP: ask in TLS whether that is what it speaks.
            var (tlsAnswer, tlsDetail) = await ProtocolProbe.ProbeTlsAsync(first, target.Port, target.Host, cancellationToken);
            if (tlsAnswer == ProtocolProbe.Answer.Tls)
            {
                (answer, detail) = (tlsAnswer, $"{detail}; {tlsDetail}");
            }
        }
        evidence.Add($"protocol on {Endpoint(first, target.Port)}: {detail}");
        if (target.Https && answer == ProtocolProbe.Answer.PlainHttp)
        {
            context.Publish(new ReachabilityFacts(connectable, SpeaksTls: false));
            return CheckOutcome.Fail(
                $"{authority} speaks plain HTTP, not HTTPS: Docker says \"http: server gave HTTP response to HTTPS client\"",
                $"serve TLS on this port (http.tls in the registry config), or if plain HTTP is intended run doctor with http://{authority} and list \"{authority}\" in insecure-registries of /etc/docker/daemon.json on every client",
                evidence);
        }
        if (!target.Https && answer == ProtocolProbe.Answer.Tls)
        {
            context.Publish(new ReachabilityFacts(connectable, SpeaksTls: true));
            return CheckOutcome.Fail(
                $"{authority} speaks HTTPS, but was addressed with plain HTTP",
                $"use https://{authority} (drop it from insecure-registries); a plain-HTTP client gets a TLS alert or \"400 The plain HTTP request was sent to HTTPS port\"",
                evidence);
        }
        context.Publish(new ReachabilityFacts(connectable, SpeaksTls: answer == ProtocolProbe.Answer.Tls));
        if (answer == ProtocolProbe.Answer.Other)
        {
            // Certificates and protocol versions are the tls check's business; this one only says the port answers.
            return CheckOutcome.Warn($"{authority} accepts connections but the {(target.Https ? "TLS handshake" : "HTTP request")} failed: {detail}",
                "see the tls and api checks", evidence);
        }
        var unreachable = attempts.Where(a => a.Error != null).ToList();
        if (unreachable.Count > 0)
        {
            return CheckOutcome.Warn(
                $"{unreachable.Count} of {attempts.Length} addresses of {target.Host} refuse connections ({string.Join(", ", unreachable.Select(a => a.Address))})",
                "clients that pick these addresses fail (e.g. localhost resolving to ::1 while the registry listens on 127.0.0.1): listen on every address or fix DNS",
                evidence);
        }
        return CheckOutcome.Pass(
            $"{target.Host} resolves to {addresses.Length} address{(addresses.Length == 1 ? "" : "es")}, all connect; port {target.Port} speaks {(target.Https ? "TLS" : "plain HTTP")}",
            evidence);
    }

    private static string Endpoint(IPAddress address, int port) => new IPEndPoint(address, port).ToString();

    private static async Task<(IPAddress Address, string? Error, double Milliseconds)> ConnectAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var tcp = new TcpClient(address.AddressFamily);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(ConnectTimeout);
        try
        {
            await tcp.ConnectAsync(address, port, cts.Token);
            return (address, null, clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (address, $"timed out after {ConnectTimeout.TotalSeconds:0} s (firewall dropping packets?)", clock.Elapsed.TotalMilliseconds);
        }
        catch (SocketException e)
        {
            return (address, e.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : e.Message, clock.Elapsed.TotalMilliseconds);
        }
    }
}
