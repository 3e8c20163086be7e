using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace RegDiag.Proxy.Connect;

/// <summary>
/// Tells Kestrel that the tunnel's connection is TLS and which protocol ALPN chose, so it speaks HTTP/2 when
/// the client negotiated h2 (Kestrel looks for both features before it selects HTTP/2).
/// </summary>
internal sealed class AlpnFeature(ReadOnlyMemory<byte> protocol) : ITlsApplicationProtocolFeature, ITlsConnectionFeature
{
    public ReadOnlyMemory<byte> ApplicationProtocol { get; } = protocol;

    /// <summary>The proxy asks no client certificate.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
}
