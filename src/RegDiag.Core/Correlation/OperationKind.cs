namespace RegDiag.Core.Correlation;

/// <summary>What a client was doing with a repository.</summary>
public enum OperationKind
{
    /// <summary>Only checks (HEADs, tag lists): neither uploads nor downloads.</summary>
    Inspect,

    Push,

    Pull,

    /// <summary>Manifest or blob deletion.</summary>
    Delete,
}
