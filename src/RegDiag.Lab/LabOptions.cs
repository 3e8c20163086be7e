using System.Net;

namespace RegDiag.Lab;

/// <summary>
/// How to run a lab. Ports 0 (the default) pick free ports; the `regdiag lab` command passes 5000 and 5001.
/// </summary>
public sealed class LabOptions
{
    /// <summary>The registry's port (`--port`); 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The debug server's port (`--debug-port`); 0 picks a free one.</summary>
    public int DebugPort { get; init; }

    /// <summary>The address both servers listen on; loopback unless told otherwise.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Extra names the TLS certificate covers (`--hostname`), besides localhost and 127.0.0.1.</summary>
    public IReadOnlyList<string> Hostnames { get; init; } = [];

    /// <summary>Serve plain HTTP instead of TLS (`--plain-http`).</summary>
    public bool PlainHttp { get; init; }

    public LabStorageKind Storage { get; init; } = LabStorageKind.Filesystem;

    /// <summary>The S3 endpoint's port with S3 storage (`--s3-port`); 0 picks a free one.</summary>
    public int S3Port { get; init; }

    /// <summary>The host name presigned S3 URLs use (`--s3-hostname`); also covered by the TLS certificate.</summary>
    public string S3Hostname { get; init; } = "127.0.0.1";

    /// <summary>Where filesystem storage (or the S3 endpoint's objects) lives (`--data`); a temporary directory, removed at the end, when null.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Fault scenarios to inject (`--scenario`), names from <see cref="Scenarios.LabScenarios"/>.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public LabAuthMode Auth { get; init; } = LabAuthMode.None;

    /// <summary>Users of the token server (`--user`); with token auth and none given, the lab makes one up.</summary>
    public IReadOnlyList<LabUser> Users { get; init; } = [];

    /// <summary>$REGDIAG_HOME; null means the environment variable, else ~/.regdiag. The lab writes lab/ca.pem and lab/config.yml there.</summary>
    public string? RegDiagHome { get; init; }

    /// <summary>Where registry log lines go besides <see cref="LogFile"/> (the command passes stdout); null for nowhere.</summary>
    public TextWriter? LogOutput { get; init; }

    /// <summary>Also append log lines to this file (`--log-file`).</summary>
    public string? LogFile { get; init; }

    /// <summary>Serve blob bytes instead of redirecting to storage (`--no-redirect`; matters for S3 storage).</summary>
    public bool NoRedirect { get; init; }

    /// <summary>Lifetime of bearer tokens the lab issues.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>With token-expired: how long a token is really accepted, while the token server still announces <see cref="TokenLifetime"/>.</summary>
    public TimeSpan ExpiredTokenLifetime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>With flaky: the seed of the generator that picks failing requests, and the share that fails.</summary>
    public int FlakySeed { get; init; } = 1;

    public double FlakyRate { get; init; } = 0.3;

    /// <summary>With slow-storage: the delay added to every storage operation.</summary>
    public TimeSpan SlowStorageDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>With body-too-large: the largest request body the emulated nginx accepts (its default 1 MiB).</summary>
    public long BodyLimitBytes { get; init; } = 1024 * 1024;

    internal string ResolveHome()
    {
        if (RegDiagHome != null)
        {
            return RegDiagHome;
        }
        var home = Environment.GetEnvironmentVariable("REGDIAG_HOME");
        return string.IsNullOrEmpty(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".regdiag")
            : home;
    }
}
