namespace RegDiag.Tui.Flows;

/// <summary>What kind of server answered an exchange, as the flow list and the <c>kind:</c> filter show it.</summary>
public enum HostKind
{
    /// <summary>A registry speaking the distribution API (/v2/...).</summary>
    Registry,

    /// <summary>A token service (the Bearer challenge's realm).</summary>
    Token,

    /// <summary>An S3-compatible object store (usually after a 307 from the registry).</summary>
    S3,

    /// <summary>Anything else.</summary>
    Other,
}
