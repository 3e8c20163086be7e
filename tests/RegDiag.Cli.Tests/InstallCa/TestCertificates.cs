using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RegDiag.Cli.Tests.InstallCa;

/// <summary>A throw-away CA (PEM) and a server certificate it signed, to prove a store trusts the CA.</summary>
internal sealed class TestCertificates
{
    private TestCertificates(string caPem, string leafPem, string subject)
    {
        CaPem = caPem;
        LeafPem = leafPem;
        Subject = subject;
    }

    public string CaPem { get; }

    public string LeafPem { get; }

    public string Subject { get; }

    public static TestCertificates Create()
    {
        var subject = $"CN=RegDiag install-ca test {Guid.NewGuid():N}";
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(subject, caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=registry.test", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("registry.test");
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var leaf = leafRequest.Create(ca, now.AddMinutes(-5), now.AddHours(1), [1, 2, 3, 4]);

        return new TestCertificates(ca.ExportCertificatePem() + "\n", leaf.ExportCertificatePem() + "\n", subject);
    }
}
