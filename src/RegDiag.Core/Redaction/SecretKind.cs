namespace RegDiag.Core.Redaction;

/// <summary>How a secret value is replaced.</summary>
internal enum SecretKind
{
    /// <summary>High-entropy (tokens, signatures, keys): a marker with a short hash; a JWT keeps its public header and claims.</summary>
    Token,

    /// <summary>Low-entropy (passwords): a marker without a hash.</summary>
    Password,

    /// <summary>SigV4-style credential "KEYID/date/region/service/request": the key id is replaced, the scope kept (it names the region).</summary>
    Credential,
}
