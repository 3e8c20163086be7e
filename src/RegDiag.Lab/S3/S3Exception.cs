namespace RegDiag.Lab.S3;

/// <summary>
/// A request the S3 endpoint refuses: becomes an XML error body (or an empty body on HEAD), as S3 answers.
/// <paramref name="fields"/> are the extra elements S3 adds for some codes (Region, ServerTime, StringToSign...).
/// </summary>
internal sealed class S3Exception(S3ErrorCode error, string? message = null, IReadOnlyList<KeyValuePair<string, string>>? fields = null)
    : Exception(message ?? error.Message)
{
    public S3ErrorCode Error { get; } = error;

    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; } = fields ?? [];
}
