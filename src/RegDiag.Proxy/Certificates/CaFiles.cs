namespace RegDiag.Proxy.Certificates;

/// <summary>The file names of a CA directory, in one place so `ca path`, install-ca.sh and the proxy agree.</summary>
public static class CaFiles
{
    public const string CertificateFileName = "regdiag-ca.pem";
    public const string KeyFileName = "regdiag-ca.key";

    public static string CertificatePath(string caDirectory) => Path.Combine(caDirectory, CertificateFileName);

    public static string KeyPath(string caDirectory) => Path.Combine(caDirectory, KeyFileName);
}
