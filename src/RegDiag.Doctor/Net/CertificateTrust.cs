using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RegDiag.Core;

namespace RegDiag.Doctor.Net;

/// <summary>
/// Trust as the Docker daemon has it: the system store, plus the CA certificates of --ca-file (what
/// /etc/docker/certs.d/HOST:PORT/ca.crt adds for one registry). One instance is shared by every check's
/// HTTP client so they all trust the same roots.
/// </summary>
public sealed class CertificateTrust
{
    public static CertificateTrust SystemOnly { get; } = new([], null);

    private CertificateTrust(X509Certificate2Collection extraRoots, string? caFile)
    {
        ExtraRoots = extraRoots;
        CaFile = caFile;
    }

    public X509Certificate2Collection ExtraRoots { get; }

    public string? CaFile { get; }

    public static CertificateTrust Load(string? caFile)
    {
        if (caFile == null)
        {
            return SystemOnly;
        }
        if (!File.Exists(caFile))
        {
            throw new InputException($"--ca-file {caFile}: no such file");
        }
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InputException($"--ca-file {caFile}: not a PEM certificate file ({e.Message})");
        }
        if (roots.Count == 0)
        {
            throw new InputException($"--ca-file {caFile}: contains no PEM certificate");
        }
        return new CertificateTrust(roots, caFile);
    }

    /// <summary>How a presented certificate fares: trusted by the system, by --ca-file, or not, and why.</summary>
    public TrustVerdict Evaluate(X509Certificate2 certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        var nameMismatch = errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch);
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return new TrustVerdict(false, false, nameMismatch, ["the server sent no certificate"]);
        }
        if (!errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            return new TrustVerdict(true, false, nameMismatch, []);
        }
        var systemProblems = presentedChain?.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}").Distinct().ToList()
            ?? ["chain not built"];
        if (ExtraRoots.Count > 0)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(ExtraRoots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (presentedChain != null)
            {
                foreach (var element in presentedChain.ChainElements)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
            if (chain.Build(certificate))
            {
                return new TrustVerdict(true, true, nameMismatch, []);
            }
            systemProblems.AddRange(chain.ChainStatus.Select(s => $"with --ca-file: {s.Status}: {s.StatusInformation.Trim()}"));
        }
        return new TrustVerdict(false, false, nameMismatch, systemProblems);
    }

    /// <summary>The validation callback for HTTP clients: trusted chain and matching name, nothing less.</summary>
    public bool Validate(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate == null)
        {
            return false;
        }
        var verdict = Evaluate(certificate, chain, errors);
        return verdict.Trusted && !verdict.NameMismatch;
    }
}
