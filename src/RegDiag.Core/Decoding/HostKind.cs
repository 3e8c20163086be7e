namespace RegDiag.Core.Decoding;

/// <summary>Which party an exchange talked to.</summary>
public enum HostKind
{
    /// <summary>Not recognised; still shown.</summary>
    Other,

    /// <summary>The registry API (Docker Registry HTTP API v2 / OCI distribution).</summary>
    Registry,

    /// <summary>A token service: Docker token auth (GET or OAuth2 POST) or GitLab's /jwt/auth.</summary>
    Token,

    /// <summary>Object storage: a registry redirect target or the registry's own storage calls.</summary>
    Storage,
}
