using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RegDiag.Core;

namespace RegDiag.Proxy.Certificates;

/// <summary>
/// The proxy's root CA: created once under a directory (certificate PEM, key PEM with mode 0600) and reused.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private CertificateAuthority(string directory, X509Certificate2 certificate, bool created)
    {
        Directory = directory;
        Certificate = certificate;
        Created = created;
    }

    public string Directory { get; }

    public string CertificatePath => CaFiles.CertificatePath(Directory);

    public string KeyPath => CaFiles.KeyPath(Directory);

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>True when this call created the CA, false when an existing one was loaded.</summary>
    public bool Created { get; }

    /// <summary>
    /// Loads the CA in <paramref name="directory"/>, creating it first when absent. Name constraints apply only
    /// at creation; asking for constraints that differ from an existing CA's is an input error.
    /// </summary>
    public static CertificateAuthority LoadOrCreate(
        string directory, IReadOnlyList<string>? nameConstraints = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        nameConstraints ??= [];
        directory = Path.GetFullPath(directory);
        if (File.Exists(CaFiles.CertificatePath(directory)))
        {
            var existing = Load(directory);
            // Read only when asked for: reading them loads BouncyCastle, which a proxy run otherwise never needs.
            if (nameConstraints.Count > 0 && existing.NameConstraints is var existingConstraints && !SameConstraints(existingConstraints, nameConstraints))
            {
                existing.Dispose();
                throw new InputException(
                    $"a CA already exists in {directory} with name constraints [{string.Join(",", existingConstraints)}]; " +
                    "remove that directory (and uninstall the old CA) or pass --ca-dir to create another");
            }
            return existing;
        }

        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var generated = CaGenerator.Generate(nameConstraints, now, Environment.MachineName);
        System.IO.Directory.CreateDirectory(directory);
        var keyPath = CaFiles.KeyPath(directory);
        // Create the key file 0600 before any byte of the key is written to it.
        var keyFileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            keyFileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var key = new FileStream(keyPath, keyFileOptions))
        using (var writer = new StreamWriter(key))
        {
            writer.Write(generated.PrivateKeyPem);
        }
        File.WriteAllText(CaFiles.CertificatePath(directory), generated.CertificatePem);
        var ca = Load(directory);
        return new CertificateAuthority(ca.Directory, ca.Certificate, created: true);
    }

    /// <summary>Loads an existing CA; an input error when there is none or it cannot be read.</summary>
    public static CertificateAuthority Load(string directory)
    {
        directory = Path.GetFullPath(directory);
        var certificatePath = CaFiles.CertificatePath(directory);
        var keyPath = CaFiles.KeyPath(directory);
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            throw new InputException($"no CA in {directory}: run 'regdiag ca init' first");
        }
        try
        {
            return new CertificateAuthority(directory, X509Certificate2.CreateFromPemFile(certificatePath, keyPath), created: false);
        }
        catch (CryptographicException e)
        {
            throw new InputException($"the CA in {directory} cannot be read ({e.Message}): remove the directory and run 'regdiag ca init'", e);
        }
    }

    /// <summary>The permitted names of the CA's name constraints (empty when unconstrained).</summary>
    public IReadOnlyList<string> NameConstraints => CaNameConstraints.Permitted(Certificate);

    public byte[] Export(CaExportFormat format) => format switch
    {
        CaExportFormat.Pem => System.Text.Encoding.ASCII.GetBytes(Certificate.ExportCertificatePem() + "\n"),
        CaExportFormat.Der => Certificate.Export(X509ContentType.Cert),
        // The certificate alone, no key and no password: what trust stores import.
        CaExportFormat.P12 => X509CertificateLoader.LoadCertificate(Certificate.RawData).Export(X509ContentType.Pkcs12),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static bool SameConstraints(IReadOnlyList<string> existing, IReadOnlyList<string> requested) =>
        existing.Select(n => n.ToLowerInvariant()).Order().SequenceEqual(
            requested.Select(n => n.Trim().Trim('[', ']').ToLowerInvariant()).Order());

    public void Dispose() => Certificate.Dispose();
}
