namespace RegDiag.Core.Har;

/// <summary>
/// The custom per-entry object (HAR allows fields starting with "_") in which RegDiag keeps what HAR has no
/// field for: { id, clientAddress, source, timings {requestSentMs, firstResponseByteMs, endMs},
/// requestBody/responseBody {size, sha256, textTruncated}, error {kind, message} }.
/// </summary>
internal static class HarExtension
{
    public const string Name = "_regdiag";

    public static ReadOnlySpan<byte> Utf8Name => "_regdiag"u8;
}
