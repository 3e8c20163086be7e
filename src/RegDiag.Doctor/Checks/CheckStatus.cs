namespace RegDiag.Doctor.Checks;

/// <summary>The verdict of one check. Serialised in lower case in the JSON report.</summary>
public enum CheckStatus
{
    /// <summary>Checked and fine.</summary>
    Pass,

    /// <summary>Works now but is a risk (certificate expiring, debug port exposed, clock drifting).</summary>
    Warn,

    /// <summary>Broken: this explains (or will cause) failing pushes or pulls.</summary>
    Fail,

    /// <summary>Not run: its input was not given, or a check it depends on failed.</summary>
    Skipped,
}
