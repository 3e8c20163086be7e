namespace RegDiag.Core.Import;

/// <summary>The kinds of capture file RegDiag reads.</summary>
public enum CaptureFormat
{
    /// <summary>RegDiag's own journal: JSON lines, one exchange per line.</summary>
    Journal,

    /// <summary>HTTP Archive 1.2, from RegDiag or another tool.</summary>
    Har,
}
