using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RegDiag.Proxy.Certificates;

/// <summary>
/// Mints a server certificate for one host, signed by the CA. This is the hot path (one per new host), so it
/// uses .NET's CertificateRequest with an ECDSA P-256 key: about 1 ms, against about 19 ms through
/// BouncyCastle and a PKCS#12 round trip, and 180-340 ms for an RSA-2048 leaf.
/// </summary>
internal sealed class LeafMinter
{
    private static readonly TimeSpan LeafValidity = TimeSpan.FromDays(365);

    private readonly X509Certificate2 _ca;
    private readonly RSA _caKey;
    private readonly X509AuthorityKeyIdentifierExtension _authorityKeyId;
    private readonly TimeProvider _clock;

    public LeafMinter(X509Certificate2 ca, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(ca);
        _ca = ca;
        _caKey = ca.GetRSAPrivateKey() ?? throw new ArgumentException("the CA needs its RSA private key", nameof(ca));
        _authorityKeyId = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false);
        _clock = clock ?? TimeProvider.System;
    }

    public X509Certificate2 Mint(string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + Escape(host)), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            san.AddIpAddress(ip);
        }
        else
        {
            san.AddDnsName(host);
        }
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        // CertificateRequest.Create(issuerCertificate, ...) refuses an RSA issuer for an ECDSA key, so sign
        // with the issuer's name and an RSA signature generator, and add the authority key id ourselves.
        request.CertificateExtensions.Add(_authorityKeyId);

        var now = _clock.GetUtcNow();
        var notBefore = Max(now.AddHours(-1), _ca.NotBefore.ToUniversalTime());
        var notAfter = Min(now.Add(LeafValidity), _ca.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var signed = request.Create(
            _ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1), notBefore, notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    private static string Escape(string host) => host.Replace("\"", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
