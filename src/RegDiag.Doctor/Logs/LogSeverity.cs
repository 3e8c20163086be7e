namespace RegDiag.Doctor.Logs;

/// <summary>How much a matched log line matters: a failure (fails the check) or a risk worth a look (warns).</summary>
public enum LogSeverity
{
    Warning,
    Error,
}
