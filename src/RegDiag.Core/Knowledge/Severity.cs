namespace RegDiag.Core.Knowledge;

/// <summary>How bad a matched signature is. Only <see cref="Error"/> makes <c>regdiag analyze</c> exit 1.</summary>
public enum Severity
{
    /// <summary>Normal protocol behaviour that looks like a failure (a 401 challenge, a 404 on a push's HEAD check): never reported.</summary>
    Benign,

    Info,

    Warning,

    Error,
}
