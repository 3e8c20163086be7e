namespace RegDiag.Core.Decoding;

/// <summary>
/// What the decoder understood of one exchange. Kept beside the exchange (like mitmproxy's flow.metadata)
/// rather than in it: the captured record stays as it went over the wire.
/// </summary>
public sealed record Classification
{
    public static Classification Other { get; } = new();

    public HostKind Kind { get; init; }

    public Operation Operation { get; init; }

    /// <summary>Registry requests: repository, reference, upload session.</summary>
    public RegistryTarget? Registry { get; init; }

    /// <summary>Storage requests: provider, bucket, key, signature and its validity.</summary>
    public StorageTarget? Storage { get; init; }

    /// <summary>Token fetches: what was asked for and, from the response, what was granted.</summary>
    public TokenExchange? Token { get; init; }

    /// <summary>The bearer token the request presented, decoded (the token itself is never kept).</summary>
    public JwtInfo? Bearer { get; init; }

    /// <summary>The WWW-Authenticate challenge of a 401/403 response.</summary>
    public AuthChallenge? Challenge { get; init; }

    /// <summary>Registry error codes from a <c>{"errors":[…]}</c> body.</summary>
    public IReadOnlyList<RegistryError> Errors { get; init; } = [];

    /// <summary>The object store's error document (S3/GCS/Azure XML, or the headers of a body-less HEAD).</summary>
    public StorageError? StorageError { get; init; }
}
