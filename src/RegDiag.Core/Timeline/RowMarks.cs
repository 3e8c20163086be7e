namespace RegDiag.Core.Timeline;

/// <summary>How an exchange relates to its neighbours.</summary>
[Flags]
public enum RowMarks
{
    None = 0,

    /// <summary>Repeats an earlier failed request.</summary>
    Retry = 1,

    /// <summary>Repeats a request after a 401 and a token fetch.</summary>
    AuthRetry = 2,

    /// <summary>Followed a redirect.</summary>
    Redirected = 4,

    /// <summary>A storage call the registry made while serving a client request.</summary>
    RegistrySide = 8,

    /// <summary>A failure that is normal protocol behaviour (existence checks, first challenges).</summary>
    Benign = 16,
}
