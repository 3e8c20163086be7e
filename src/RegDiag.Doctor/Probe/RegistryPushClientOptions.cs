using RegDiag.Core.Model;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Probe;

/// <summary>How a <see cref="RegistryPushClient"/> reaches the registry.</summary>
public sealed record RegistryPushClientOptions
{
    /// <summary>The registry's base URL, e.g. https://registry.example.com:5000/.</summary>
    public required Uri Registry { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>Roots to trust (system plus a CA file: the registry's, or an intercepting proxy's).</summary>
    public CertificateTrust Trust { get; init; } = CertificateTrust.SystemOnly;

    /// <summary>Send every request through this HTTP proxy (e.g. `regdiag proxy`), as a Docker daemon with HTTPS_PROXY would.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>Receives each exchange as it completes (a journal, a view); they are also kept in <see cref="RegistryPushClient.Exchanges"/>.</summary>
    public Action<Exchange>? OnExchange { get; init; }

    /// <summary>Counts the requests and the retries of transient failures (the doctor's run-wide ledger); the client keeps its own when null.</summary>
    public RequestLedger? Ledger { get; init; }

    /// <summary>The Source stamped on recorded exchanges and on retries in the ledger.</summary>
    public string Source { get; init; } = "probe";

    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(15);

    public string UserAgent { get; init; } = $"regdiag-doctor/{DoctorVersion.Value} (probe push; like docker/24 go/1.20)";
}
