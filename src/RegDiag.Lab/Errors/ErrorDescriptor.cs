namespace RegDiag.Lab.Errors;

/// <summary>
/// One registry error code as data, like distribution's errcode.ErrorDescriptor: the wire value, the
/// message clients print, what it means, and the HTTP status it is served with.
/// </summary>
internal sealed record ErrorDescriptor(string Value, string Message, string Description, int HttpStatus)
{
    /// <summary>How distribution's ErrorCode.String() renders the code in logs (err.code="blob unknown").</summary>
    public string LogName => Value.ToLowerInvariant().Replace('_', ' ');
}
