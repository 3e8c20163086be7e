namespace RegDiag.Lab;

/// <summary>How the lab registry authenticates clients (`--auth none|token`).</summary>
public enum LabAuthMode
{
    /// <summary>Anonymous access to everything, like a registry without an auth section.</summary>
    None,

    /// <summary>Docker token auth: 401 challenges, a token endpoint on the lab, JWTs signed per run.</summary>
    Token,
}
