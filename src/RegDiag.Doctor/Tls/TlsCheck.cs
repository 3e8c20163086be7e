using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Reachability;

namespace RegDiag.Doctor.Tls;

/// <summary>
/// The registry's certificate as the Docker daemon judges it: chain against the system store plus
/// --ca-file, host name, expiry, and the protocol and cipher negotiated.
/// </summary>
internal sealed class TlsCheck : IDoctorCheck
{
    private static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    public string Id => CheckIds.Tls;
    public string Title => "TLS certificate and protocol";
    public TimeSpan Timeout => TimeSpan.FromSeconds(10);
    public IReadOnlyList<string> DependsOn => [CheckIds.Reachability];
    public bool NeedsHost => true;

    public async Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var target = context.Options.Target!;
        var reach = context.Get<ReachabilityFacts>();
        if (reach == null)
        {
            return CheckOutcome.Skip("the registry is not reachable (see reachability)");
        }
        if (!target.Https || !reach.SpeaksTls)
        {
            return CheckOutcome.Skip(target.Https ? "the port does not speak TLS (see reachability)" : "plain HTTP registry: no TLS to check");
        }

        X509Certificate2? certificate = null;
        TrustVerdict? verdict = null;
        using var tcp = new TcpClient(reach.Connectable[0].AddressFamily);
        await tcp.ConnectAsync(reach.Connectable[0], target.Port, cancellationToken);
        await using var ssl = new SslStream(tcp.GetStream(), false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = target.Host,
            // Accept everything here so the handshake completes and the certificate can be examined.
            RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
            {
                if (cert != null)
                {
                    certificate = new X509Certificate2(cert);
                    verdict = context.Trust.Evaluate(certificate, chain, errors);
                }
                return true;
            },
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return CheckOutcome.Fail(
                $"TLS handshake with {target.Authority} failed: {e.InnerException?.Message ?? e.Message}",
                "the server and this machine share no protocol version or cipher (TLS 1.2 or later is needed), or something other than TLS answers; check the TLS terminator's configuration",
                [$"handshake error: {e.Message}"]);
        }
        if (certificate == null || verdict == null)
        {
            return CheckOutcome.Fail("the server sent no certificate", "configure a certificate on the TLS terminator");
        }

        var now = DateTimeOffset.UtcNow;
        var evidence = new List<string>
        {
            $"subject: {certificate.Subject}",
            $"issuer: {certificate.Issuer}",
            $"valid: {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC",
            $"names: {string.Join(", ", SubjectNames(certificate))}",
            $"protocol: {ssl.SslProtocol}, cipher: {ssl.NegotiatedCipherSuite}",
        };
        evidence.AddRange(verdict.Problems.Select(p => $"chain: {p}"));
        if (verdict.TrustedByCaFile)
        {
            evidence.Add($"trusted through --ca-file {context.Trust.CaFile}");
        }

        var certsDir = $"/etc/docker/certs.d/{target.Authority}";
        if (certificate.NotAfter.ToUniversalTime() < now)
        {
            return CheckOutcome.Fail($"the certificate expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}",
                "renew the certificate and reload the TLS terminator", evidence);
        }
        if (certificate.NotBefore.ToUniversalTime() > now)
        {
            return CheckOutcome.Fail($"the certificate is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC: this clock or the issuer's is wrong",
                "fix the clock (NTP) on this machine; or reissue the certificate", evidence);
        }
        if (!verdict.Trusted)
        {
            var selfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
            return CheckOutcome.Fail(
                selfSigned
                    ? "the certificate is self-signed and not trusted: Docker says \"x509: certificate signed by unknown authority\""
                    : $"the certificate's issuer ({certificate.Issuer}) is not trusted: Docker says \"x509: certificate signed by unknown authority\"",
                $"give the CA certificate to every Docker host as {certsDir}/ca.crt (no daemon restart needed) and to other clients through the OS store " +
                "(/usr/local/share/ca-certificates/ + update-ca-certificates); run doctor with --ca-file CA.pem to check with it; under an intercepting proxy the S3 host needs the CA in the OS store too",
                evidence);
        }
        if (verdict.NameMismatch)
        {
            return CheckOutcome.Fail(
                $"the certificate does not name {target.Host} (it names {string.Join(", ", SubjectNames(certificate))}): Docker says \"x509: certificate is valid for …, not {target.Host}\"",
                $"reissue the certificate with {target.Host} in its subjectAltName, or use one of the names it has",
                evidence);
        }
        #pragma warning disable SYSLIB0039 // naming the obsolete versions is the point: they are what gets reported
        if (ssl.SslProtocol is SslProtocols.Tls or SslProtocols.Tls11)
#pragma warning restore SYSLIB0039
        {
            return CheckOutcome.Warn($"the server negotiates {ssl.SslProtocol}, which current clients refuse",
                "enable TLS 1.2 and 1.3 on the TLS terminator", evidence);
        }
        var left = certificate.NotAfter.ToUniversalTime() - now;
        if (left < WarnWhenLess(certificate))
        {
            return CheckOutcome.Warn($"the certificate expires in {left.TotalDays:0} days ({certificate.NotAfter.ToUniversalTime():yyyy-MM-dd})",
                "renew it before then (automate with ACME/cert-manager)", evidence);
        }
        return CheckOutcome.Pass(
            $"trusted{(verdict.TrustedByCaFile ? " (through --ca-file)" : "")}, names {target.Host}, {ssl.SslProtocol}, expires in {left.TotalDays:0} days",
            evidence);
    }

    /// <summary>
    /// 30 days, except for certificates short-lived by design (45 days or less in all, e.g. a lab's or an
    /// internal ACME CA's): those are due when a third of their lifetime is left, as ACME clients renew.
    /// </summary>
    private static TimeSpan WarnWhenLess(X509Certificate2 certificate)
    {
        var lifetime = certificate.NotAfter - certificate.NotBefore;
        return lifetime <= TimeSpan.FromDays(45) ? lifetime / 3 : ExpiryWarning;
    }

    private static IEnumerable<string> SubjectNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        }
        return names.Count > 0 ? names : [certificate.GetNameInfo(X509NameType.SimpleName, false)];
    }
}
