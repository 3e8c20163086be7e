using System.Net;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace RegDiag.Proxy.Certificates;

/// <summary>Reads the permitted names back out of a CA certificate's name-constraints extension.</summary>
internal static class CaNameConstraints
{
    private const string Oid = "2.5.29.30";

    public static IReadOnlyList<string> Permitted(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[Oid];
        if (extension == null)
        {
            return [];
        }
        var constraints = NameConstraints.GetInstance(Asn1Object.FromByteArray(extension.RawData));
        var names = new List<string>();
        var permitted = constraints.PermittedSubtreesValue;
        if (permitted == null)
        {
            return [];
        }
        foreach (var subtree in Asn1Sequence.GetInstance(permitted.ToAsn1Object()))
        {
            var name = GeneralSubtree.GetInstance(subtree).Base;
            if (name.TagNo == GeneralName.DnsName)
            {
                names.Add(name.Name.ToString()!);
            }
            else if (name.TagNo == GeneralName.IPAddress)
            {
                var bytes = Asn1OctetString.GetInstance(name.Name).GetOctets();
                names.Add(new IPAddress(bytes.AsSpan(0, bytes.Length / 2)).ToString());
            }
        }
        return names;
    }
}
