namespace RegDiag.Doctor.Logs;

/// <summary>How much a matched log line matters: a failure (fails the check), a risk (warns), or a note.</summary>
public enum LogSeverity
{
    Info,

    Warning,
    Error,
}
