using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RegDiag.Lab.Tls;

/// <summary>
/// The lab's own CA: created once under $REGDIAG_HOME/lab (ca.pem, ca-key.pem 0600) and reused, so a client
/// that trusted it once keeps trusting it; it signs a fresh server certificate for each run.
/// </summary>
internal sealed class LabCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _ca;

    private LabCertificateAuthority(X509Certificate2 ca, string certificatePath)
    {
        _ca = ca;
        CertificatePath = certificatePath;
    }

    public string CertificatePath { get; }

    public static LabCertificateAuthority LoadOrCreate(string labDirectory)
    {
        Directory.CreateDirectory(labDirectory);
        var certificatePath = Path.Combine(labDirectory, "ca.pem");
        var keyPath = Path.Combine(labDirectory, "ca-key.pem");
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            try
            {
                var existing = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
                if (existing.NotAfter > DateTime.UtcNow.AddDays(1))
                {
                    return new LabCertificateAuthority(existing, certificatePath);
                }
            }
            catch (CryptographicException)
            {
                // Unreadable or mismatched files: make a new CA below.
            }
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=RegDiag Lab CA, O=RegDiag", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        File.WriteAllText(keyPath, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, ca.ExportCertificatePem() + "\n");
        return new LabCertificateAuthority(ca, certificatePath);
    }

    /// <summary>A server certificate for localhost, 127.0.0.1, ::1 and the given names, with its private key.</summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> hostnames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=RegDiag Lab", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var hostname in hostnames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(hostname, out var address))
            {
                names.AddIpAddress(address);
            }
            else if (!hostname.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                names.AddDnsName(hostname);
            }
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(_ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round-trip through PKCS#12 so Kestrel gets a certificate whose key is usable after 'key' is disposed.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose() => _ca.Dispose();
}
