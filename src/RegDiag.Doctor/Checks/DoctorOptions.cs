using RegDiag.Doctor.Net;
using RegDiag.Doctor.S3;

namespace RegDiag.Doctor.Checks;

/// <summary>Everything `regdiag doctor` was asked to check. Null means "not given".</summary>
public sealed record DoctorOptions
{
    public RegistryTarget? Target { get; init; }

    /// <summary>An image reference (NAME[:TAG]) for the name check and the auth scope.</summary>
    public string? Image { get; init; }

    /// <summary>The GitLab project path the image belongs to, so the name check can apply GitLab's depth rule.</summary>
    public string? GitLabProject { get; init; }

    public string? CaFile { get; init; }

    public string? User { get; init; }

    /// <summary>The password or token read from stdin; never logged or reported.</summary>
    public string? Password { get; init; }

    /// <summary>The debug server, HOST:PORT.</summary>
    public string? DebugAddress { get; init; }

    public string? RegistryConfigPath { get; init; }

    /// <summary>S3 settings given as flags; they override the config file's.</summary>
    public S3Settings? S3Overrides { get; init; }

    public IReadOnlyList<string> Logs { get; init; } = [];

    /// <summary>The repository the probe push writes into.</summary>
    public string? ProbePushRepository { get; init; }

    /// <summary>Also push (and delete) a manifest in the probe push.</summary>
    public bool ProbeManifest { get; init; } = true;

    /// <summary>
    /// The large-upload probe's default body (--probe-size): above nginx's and ingress-nginx's default 1 MiB
    /// limit, the one most often in the way, and small enough to cost a fraction of a second.
    /// </summary>
    public const long DefaultProbeSize = 2 * 1024 * 1024;

    /// <summary>The body size the body-size check sends in one PATCH (--probe-size).</summary>
    public long ProbeSize { get; init; } = DefaultProbeSize;

    /// <summary>Send the probe push through this HTTP proxy.</summary>
    public Uri? Proxy { get; init; }

    public IReadOnlyList<string> Only { get; init; } = [];

    public IReadOnlyList<string> Skip { get; init; } = [];

    /// <summary>Scale every check's timeout (tests shorten them).</summary>
    public double TimeoutScale { get; init; } = 1.0;
}
