using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RegDiag.Cli.Commands.View;

/// <summary>
/// Whether a CA certificate is in the system trust store (what install-ca.sh puts it in): Debian/Ubuntu's
/// bundle, RHEL/Fedora's and Alpine's. Compared by certificate, not by file name.
/// </summary>
internal static class SystemTrustStore
{
    private static readonly string[] Bundles =
    [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/cert.pem",
    ];

    /// <summary>True or false when it could tell; null when the certificate or every bundle is unreadable.</summary>
    public static bool? Contains(string certificatePath)
    {
        byte[] wanted;
        try
        {
            var file = new X509Certificate2Collection();
            file.ImportFromPemFile(certificatePath);
            if (file.Count == 0)
            {
                return null;
            }
            wanted = file[0].RawData;
            foreach (var c in file)
            {
                c.Dispose();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return null;
        }
        bool? found = null;
        foreach (var bundle in Bundles.Where(File.Exists))
        {
            try
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPemFile(bundle);
                var contains = collection.Any(c => c.RawData.AsSpan().SequenceEqual(wanted));
                foreach (var c in collection)
                {
                    c.Dispose();
                }
                if (contains)
                {
                    return true;
                }
                found = false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                // Unreadable bundle: try the next one.
            }
        }
        return found;
    }
}
