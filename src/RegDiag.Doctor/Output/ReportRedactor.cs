using System.Text.RegularExpressions;

namespace RegDiag.Doctor.Output;

/// <summary>
/// Masks secrets that could reach a report through evidence text: JWTs, Authorization values, presigned
/// URL signatures and credentials. The checks already keep passwords and tokens out of their evidence;
/// this is the second line of defence for text copied from servers.
/// </summary>
public static partial class ReportRedactor
{
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)(authorization:\s*(?:bearer|basic)\s+)\S+")]
    private static partial Regex Authorization();

    [GeneratedRegex(@"(?i)(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s""]+")]
    private static partial Regex AmzQuery();

    [GeneratedRegex(@"(?i)((?:secretkey|secret_key|password|access_token|token)[""']?\s*[:=]\s*[""']?)[^\s""',&}]+")]
    private static partial Regex KeyValue();

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Jwt().Replace(text, "[redacted JWT]");
        result = Authorization().Replace(result, "$1[redacted]");
        result = AmzQuery().Replace(result, "$1[redacted]");
        return KeyValue().Replace(result, "$1[redacted]");
    }
}
