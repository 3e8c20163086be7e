using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RegDiag.Testing;

/// <summary>
/// A throw-away CA (not the proxy's CA) and the server certificates it signs, written as PEM files for real TLS
/// peers (docker-registry, Kestrel origins). A client must be told to trust it (--ca-file, --upstream-ca), which
/// is exactly what a registry behind a private CA needs.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly RSA _caKey = RSA.Create(2048);

    public TestPki(string directory, string name = "RegDiag Test CA")
    {
        Directory = directory;
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // Two years either side: tests issue leaves that were valid long ago (notBefore a year back).
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(2));
        CaPath = System.IO.Path.Combine(directory, "test-ca.pem");
        File.WriteAllText(CaPath, Ca.ExportCertificatePem());
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    /// <summary>The CA certificate as a PEM file.</summary>
    public string CaPath { get; }

    /// <summary>
    /// A server certificate for these names (DNS names and IP addresses), with its key (ECDSA P-256: about 2 ms,
    /// where an RSA key takes up to 200 ms). Valid from a day ago for 200 days unless told otherwise.
    /// </summary>
    public X509Certificate2 Issue(IEnumerable<string> names, DateTimeOffset? notAfter = null, DateTimeOffset? notBefore = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var list = names.ToList();
        var request = new CertificateRequest($"CN={list[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in list)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f; // a positive serial number, as RFC 5280 requires
        using var signed = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1),
            notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(200), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives a certificate whose key outlives the ECDsa instance above.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A server certificate for the given DNS names and 127.0.0.1.</summary>
    public X509Certificate2 IssueServer(params string[] names) => Issue([.. names, "127.0.0.1"]);

    /// <summary>
    /// Writes a server certificate and its key (mode 0600) as PEM files, STEM.crt and STEM.key in
    /// <paramref name="directory"/> (the PKI's own unless given), for Go servers; returns their paths.
    /// </summary>
    public (string Certificate, string Key) WritePem(X509Certificate2 certificate, string stem, string? directory = null)
    {
        var certificatePath = System.IO.Path.Combine(directory ?? Directory, stem + ".crt");
        var keyPath = System.IO.Path.Combine(directory ?? Directory, stem + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    public void Dispose()
    {
        _caKey.Dispose();
        Ca.Dispose();
    }
}
