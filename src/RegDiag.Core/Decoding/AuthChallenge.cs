namespace RegDiag.Core.Decoding;

/// <summary>A parsed WWW-Authenticate challenge (RFC 7235; Docker token auth parameters).</summary>
public sealed record AuthChallenge
{
    public required string Scheme { get; init; }

    public string? Realm { get; init; }

    public string? Service { get; init; }

    public string? Scope { get; init; }

    /// <summary>"invalid_token", "insufficient_scope", …</summary>
    public string? Error { get; init; }

    public string? ErrorDescription { get; init; }
}
