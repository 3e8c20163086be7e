namespace RegDiag.Lab.Config;

/// <summary>
/// The content of $REGDIAG_HOME/lab/config.yml for a running lab, in distribution's configuration layout, so
/// Debian's docker-registry can start on the same storage. Token auth is left out: distribution would need
/// the per-run signing key as a rootcertbundle, and clients discover the realm from the 401 anyway.
/// </summary>
internal static class LabConfigFile
{
    public static string For(RunningLab lab)
    {
        var options = lab.Options;
        var config = new DistributionConfigWriter()
            .Line(0, "version", "0.1")
            .Line(0, "log")
            .Line(1, "level", "info")
            .Line(1, "formatter", "text")
            .Line(0, "storage");
        if (lab.DataDirectory != null)
        {
            config.Line(1, "filesystem").Line(2, "rootdirectory", lab.DataDirectory);
        }
        lab.S3?.WriteConfig(config);
        config.Line(1, "delete").Line(2, "enabled", "true")
            .Line(1, "redirect").Line(2, "disable", options.NoRedirect ? "true" : "false")
            .Line(0, "http")
            .Line(1, "addr", $"{options.ListenAddress}:{lab.RegistryPort}")
            .Line(1, "host", lab.RegistryUri.AbsoluteUri.TrimEnd('/'))
            .Line(1, "debug")
            .Line(2, "addr", $"{options.ListenAddress}:{lab.DebugPort}")
            .Line(2, "prometheus").Line(3, "enabled", "true").Line(3, "path", "/metrics");
        config.Line(0, "health").Line(1, "storagedriver").Line(2, "enabled", "true").Line(2, "interval", "10s").Line(2, "threshold", "1");
        if (lab.CaCertificatePath != null)
        {
            // Not a distribution key (distribution ignores unknown top-level keys): where the lab's CA is, for doctor.
            config.Line(0, "regdiag").Line(1, "ca", lab.CaCertificatePath);
        }
        return config.ToString();
    }
}
