using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RegDiag.Core;

namespace RegDiag.Proxy.Forwarding;

/// <summary>
/// How the proxy checks the upstream's certificate: the system store, plus the CAs of --upstream-ca files
/// (a registry behind a private CA), or not at all with --insecure-upstream.
/// </summary>
internal sealed class UpstreamTrust
{
    private readonly X509Certificate2Collection _extraRoots;
    private readonly bool _insecure;

    public UpstreamTrust(IEnumerable<string> caFiles, bool insecure)
    {
        _insecure = insecure;
        _extraRoots = [];
        foreach (var file in caFiles)
        {
            if (!File.Exists(file))
            {
                throw new InputException($"--upstream-ca {file}: no such file");
            }
            try
            {
                _extraRoots.ImportFromPemFile(file);
            }
            catch (CryptographicException e)
            {
                throw new InputException($"--upstream-ca {file}: not a PEM certificate file ({e.Message})", e);
            }
        }
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_insecure || errors == SslPolicyErrors.None)
        {
            return true;
        }
        // A name mismatch or a missing certificate is never excused by an extra root.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || _extraRoots.Count == 0 || certificate == null)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain != null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
