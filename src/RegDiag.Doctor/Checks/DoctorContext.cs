using RegDiag.Doctor.Api;
using RegDiag.Doctor.Probe;
using System.Collections.Concurrent;
using RegDiag.Core.Model;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Checks;

/// <summary>
/// Shared by the checks of one run: the options, the trust, the facts checks publish for later ones
/// (one record type per fact, e.g. <see cref="Api.ApiFacts"/>), the exchanges the probe push recorded,
/// and a progress sink for long checks.
/// </summary>
public sealed class DoctorContext
{
    private readonly ConcurrentDictionary<Type, object> _facts = new();
    private readonly ConcurrentQueue<Exchange> _exchanges = new();

    public DoctorContext(DoctorOptions options, CertificateTrust? trust = null, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Trust = trust ?? CertificateTrust.Load(options.CaFile);
        Progress = progress ?? (_ => { });
    }

    public DoctorOptions Options { get; }

    public CertificateTrust Trust { get; }

    /// <summary>Receives one-line progress notes (a big log file being scanned); not part of the result.</summary>
    public Action<string> Progress { get; }

    /// <summary>Every request the checks sent to the registry and its token service, and which needed retries.</summary>
    public RequestLedger Requests { get; } = new();

    public void Publish<T>(T fact) where T : class => _facts[typeof(T)] = fact;

    public T? Get<T>() where T : class => _facts.TryGetValue(typeof(T), out var fact) ? (T)fact : null;

    /// <summary>What the api check learnt, when /v2/ answered as a registry does (200, or 401 asking for auth); else null.</summary>
    public ApiFacts? AnsweringApi => Get<ApiFacts>() is { Status: 200 or 401 } api ? api : null;

    public void Record(Exchange exchange) => _exchanges.Enqueue(exchange);

    public IReadOnlyList<Exchange> Exchanges => [.. _exchanges.OrderBy(e => e.Id)];

    /// <summary>
    /// A push client for <paramref name="registry"/> with the user's credentials, trust and proxy, recording its
    /// exchanges and retries here under <paramref name="source"/>.
    /// </summary>
    public RegistryPushClient NewPushClient(Uri registry, string source, TimeSpan? requestTimeout = null) => new(new RegistryPushClientOptions
    {
        Registry = registry,
        User = Options.User,
        Password = Options.Password,
        Trust = Trust,
        Proxy = Options.Proxy,
        OnExchange = Record,
        Ledger = Requests,
        Source = source,
        RequestTimeout = requestTimeout ?? RegistryPushClientOptions.DefaultRequestTimeout,
    });
}
