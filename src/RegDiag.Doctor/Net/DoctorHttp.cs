using System.Net;
using System.Net.Security;

namespace RegDiag.Doctor.Net;

/// <summary>
/// HTTP clients for the checks: the doctor's trust, no automatic redirects (a 307 to storage is evidence,
/// and credentials must not follow it), no cookies, and an optional proxy.
/// </summary>
public static class DoctorHttp
{
    public static SocketsHttpHandler CreateHandler(CertificateTrust trust, Uri? proxy = null, TimeSpan? connectTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(trust);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5),
            UseProxy = proxy != null,
            Proxy = proxy == null ? null : new WebProxy(proxy),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    trust.Validate(certificate as System.Security.Cryptography.X509Certificates.X509Certificate2, chain, errors),
            },
        };
    }

    public static HttpClient Create(CertificateTrust trust, TimeSpan timeout, Uri? proxy = null) =>
        Configure(new HttpClient(CreateHandler(trust, proxy), disposeHandler: true), timeout);

    /// <summary>A client for the registry API and its token service: transient failures are repeated and
    /// entered in the run's ledger under <paramref name="source"/> (a check id).</summary>
    public static HttpClient CreateForRegistry(CertificateTrust trust, TimeSpan timeout, RequestLedger ledger, string source) =>
        Configure(new HttpClient(new TransientRetryHandler(CreateHandler(trust), ledger, source), disposeHandler: true), timeout);

    private static HttpClient Configure(HttpClient client, TimeSpan timeout)
    {
        client.Timeout = timeout;
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"regdiag-doctor/{DoctorVersion.Value}");
        return client;
    }
}
