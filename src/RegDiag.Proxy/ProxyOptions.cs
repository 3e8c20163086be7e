using System.Net;

namespace RegDiag.Proxy;

/// <summary>Everything `regdiag proxy` can be told; defaults match the command's.</summary>
public sealed record ProxyOptions
{
    /// <summary>Listen address; anything but loopback needs <see cref="AllowRemote"/>.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Listen port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 8080;

    public bool AllowRemote { get; init; }

    /// <summary>$REGDIAG_HOME; null resolves it from the environment.</summary>
    public string? Home { get; init; }

    /// <summary>The CA directory; null means $REGDIAG_HOME/ca.</summary>
    public string? CaDirectory { get; init; }

    /// <summary>The journal file; null means a new $REGDIAG_HOME/sessions/&lt;timestamp&gt;.jsonl.</summary>
    public string? JournalPath { get; init; }

    /// <summary>PEM files of extra CAs trusted for upstream certificates.</summary>
    public IReadOnlyList<string> UpstreamCaFiles { get; init; } = [];

    /// <summary>Skip upstream certificate verification.</summary>
    public bool InsecureUpstream { get; init; }

    /// <summary>Host globs tunnelled without interception.</summary>
    public IReadOnlyList<string> Passthrough { get; init; } = [];

    /// <summary>Host globs to intercept; when non-empty, every other host is passed through.</summary>
    public IReadOnlyList<string> Intercept { get; init; } = [];

    /// <summary>How long an upstream may stay silent (a registry finishing a large upload can take minutes).</summary>
    public TimeSpan ActivityTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
