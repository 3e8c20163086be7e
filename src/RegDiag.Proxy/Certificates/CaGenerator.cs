using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using RegDiag.Core;

namespace RegDiag.Proxy.Certificates;

/// <summary>
/// Creates the root CA with BouncyCastle (its extension builders cover name constraints, which .NET's
/// CertificateRequest has no type for). RSA-2048 so that every client, old OpenSSL included, accepts it.
/// </summary>
internal static class CaGenerator
{
    /// <summary>Validity is at most two years so a forgotten CA expires.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(730);

    public sealed record GeneratedCa(string CertificatePem, string PrivateKeyPem);

    public static GeneratedCa Generate(IReadOnlyList<string> nameConstraints, DateTimeOffset now, string machineName)
    {
        var random = new SecureRandom();
        // The key comes from the platform (OpenSSL): BouncyCastle's own RSA key generation takes seconds.
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var keyPair = DotNetUtilities.GetRsaKeyPair(rsa);

        // The subject names the machine and the date so a user can find (and remove) it in a trust store.
        var subject = new X509Name(
            $"CN=RegDiag CA {machineName} {now.UtcDateTime:yyyy-MM-dd},O=RegDiag debugging proxy,OU={machineName}");
        var notBefore = now.UtcDateTime.AddHours(-1);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigIntegers.CreateRandomInRange(BigInteger.One, BigInteger.One.ShiftLeft(127), random));
        generator.SetIssuerDN(subject);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore);
        generator.SetNotAfter(notBefore.Add(Validity));
        generator.SetPublicKey(keyPair.Public);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(0));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        generator.AddExtension(
            X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(keyPair.Public));
        if (nameConstraints.Count > 0)
        {
            generator.AddExtension(X509Extensions.NameConstraints, true, BuildNameConstraints(nameConstraints));
        }
        var certificate = generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", keyPair.Private, random));
        return new GeneratedCa(ToPem(certificate), ToPem(new Pkcs8Generator(keyPair.Private).Generate()));
    }

    /// <summary>
    /// Permits the given DNS names (and their subdomains) and IP addresses. When no IP address is given, every
    /// IP address is excluded: a DNS-only constraint would otherwise leave IP SANs unconstrained.
    /// </summary>
    internal static NameConstraints BuildNameConstraints(IReadOnlyList<string> hosts)
    {
        var permitted = new List<GeneralSubtree>();
        var anyIp = false;
        foreach (var raw in hosts)
        {
            var host = raw.Trim();
            if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
            {
                anyIp = true;
                var address = ip.GetAddressBytes();
                var mask = Enumerable.Repeat((byte)0xff, address.Length);
                permitted.Add(new GeneralSubtree(new GeneralName(GeneralName.IPAddress, new DerOctetString([.. address, .. mask]))));
            }
            else if (HostName.IsValidDnsName(host))
            {
                permitted.Add(new GeneralSubtree(new GeneralName(GeneralName.DnsName, host.ToLowerInvariant())));
            }
            else
            {
                throw new InputException(
                    $"--name-constraints: '{raw}' is not a host name or IP address (example: --name-constraints registry.example.com,s3.example.com)");
            }
        }
        var excluded = anyIp
            ? null
            : new GeneralSubtrees(
            [
                new GeneralSubtree(new GeneralName(GeneralName.IPAddress, new DerOctetString(new byte[8]))),
                new GeneralSubtree(new GeneralName(GeneralName.IPAddress, new DerOctetString(new byte[32]))),
            ]);
        return new NameConstraints(new GeneralSubtrees([.. permitted]), excluded);
    }

    private static string ToPem(object value)
    {
        using var text = new StringWriter();
        var writer = new PemWriter(text);
        writer.WriteObject(value);
        writer.Writer.Flush();
        return text.ToString();
    }
}
