using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;

namespace RegDiag.Lab.Storage;

/// <summary>
/// Gives the AWS SDK an HttpClient that trusts the lab's own CA (and still validates the chain and name),
/// so the lab's S3 traffic is real TLS without touching the machine's trust store.
/// </summary>
internal sealed class S3HttpClientFactory(X509Certificate2? trustedCa) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(CreateHandler(trustedCa)) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

    /// <summary>A handler without proxy or redirects that trusts <paramref name="trustedCa"/> besides the system roots.</summary>
    public static SocketsHttpHandler CreateHandler(X509Certificate2? trustedCa)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false };
        if (trustedCa != null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(trustedCa, certificate, errors),
            };
        }
        return handler;
    }

    private static bool Validate(X509Certificate2 trustedCa, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate == null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false; // name mismatch or no certificate: never accepted
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trustedCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
