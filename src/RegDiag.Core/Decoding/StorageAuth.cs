namespace RegDiag.Core.Decoding;

/// <summary>How a storage request proved who it was.</summary>
public enum StorageAuth
{
    /// <summary>No credentials visible.</summary>
    None,

    /// <summary>A presigned URL: the signature and its expiry travel in the query (what clients get in a 307).</summary>
    PresignedQuery,

    /// <summary>An Authorization header (the registry's own calls with its keys).</summary>
    AuthorizationHeader,
}
