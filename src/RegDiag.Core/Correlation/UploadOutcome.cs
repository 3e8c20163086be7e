namespace RegDiag.Core.Correlation;

public enum UploadOutcome
{
    /// <summary>Started, never completed or cancelled within the capture.</summary>
    Open,

    /// <summary>The completing PUT (or monolithic POST, or mount) got 201.</summary>
    Completed,

    /// <summary>The completing request failed.</summary>
    Failed,

    /// <summary>Cancelled with DELETE.</summary>
    Cancelled,
}
