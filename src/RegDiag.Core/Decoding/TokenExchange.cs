namespace RegDiag.Core.Decoding;

/// <summary>A token fetch: the request's parameters and the decoded answer.</summary>
public sealed record TokenExchange
{
    public string? Service { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The account asked for (GET ?account=, POST username, or the Basic user).</summary>
    public string? Account { get; init; }

    public string? GrantType { get; init; }

    public string? ClientId { get; init; }

    /// <summary>expires_in of the response, in seconds.</summary>
    public int? ExpiresIn { get; init; }

    /// <summary>The issued token, decoded (header and claims only).</summary>
    public JwtInfo? Issued { get; init; }

    /// <summary>True when the response carried a refresh token (its value is never kept).</summary>
    public bool RefreshTokenIssued { get; init; }
}
