namespace RegDiag.Core.Decoding;

/// <summary>
/// The public parts of a JWT: header fields and claims. The token (and its signature) is never kept, only
/// the marker hash that <see cref="Redaction.SecretMarker"/> gives it, so equal tokens can be matched.
/// </summary>
public sealed record JwtInfo
{
    /// <summary>The marker of the whole token ("&lt;redacted sha256:…&gt;").</summary>
    public required string Marker { get; init; }

    public string? Algorithm { get; init; }

    public string? KeyId { get; init; }

    public string? Issuer { get; init; }

    public string? Subject { get; init; }

    public IReadOnlyList<string> Audience { get; init; } = [];

    public DateTimeOffset? IssuedAt { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? Expires { get; init; }

    /// <summary>Docker token "access" claim: what the token allows.</summary>
    public IReadOnlyList<TokenAccess> Access { get; init; } = [];
}
