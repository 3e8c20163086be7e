namespace RegDiag.Tui.App;

/// <summary>What the UI says about where its flows come from (shown in the status line).</summary>
public sealed record TuiOptions
{
    /// <summary>Window title: "regdiag proxy", "regdiag view FILE", "regdiag demo".</summary>
    public string Title { get; init; } = "regdiag";

    /// <summary>The proxy's listen address, for live capture.</summary>
    public string? ListenAddress { get; init; }

    /// <summary>Path of the proxy CA certificate.</summary>
    public string? CaPath { get; init; }

    /// <summary>Whether the CA is in the system trust store (install-ca.sh ran); null when unknown.</summary>
    public bool? CaInstalled { get; init; }

    /// <summary>The journal the capture is written to.</summary>
    public string? JournalPath { get; init; }

    /// <summary>The file being viewed (read-only mode).</summary>
    public string? SourceFile { get; init; }

    /// <summary>Where "export HAR" proposes to write, by default.</summary>
    public string DefaultExportPath { get; init; } = "regdiag-export.har";

    /// <summary>Select the first flow cited by an error diagnosis once the flows are loaded (demo, view).</summary>
    public bool SelectFirstDiagnosed { get; init; }

    /// <summary>False when NO_COLOR is set: statuses are not coloured.</summary>
    public bool Colour { get; init; } = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
