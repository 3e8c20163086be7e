namespace RegDiag.Core.Correlation;

public enum OperationOutcome
{
    /// <summary>The closing request (manifest PUT for a push, the last manifest/blob GET for a pull) succeeded.</summary>
    Succeeded,

    /// <summary>It stopped at a failed request and did not recover.</summary>
    Failed,

    /// <summary>The capture ends before the operation closed.</summary>
    Incomplete,
}
