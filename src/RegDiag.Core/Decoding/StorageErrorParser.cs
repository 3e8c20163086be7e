using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RegDiag.Core.Model;

namespace RegDiag.Core.Decoding;

/// <summary>
/// Reads an object store's error: the XML &lt;Error&gt; document of S3, GCS and Azure (by pattern, since bodies
/// may be truncated), plus the headers that also carry it (x-amz-bucket-region, x-ms-error-code,
/// x-minio-error-code), which is all a HEAD response has.
/// </summary>
internal static partial class StorageErrorParser
{
    public static StorageError? Parse(ResponseRecord response)
    {
        if (response.Status < 300)
        {
            return null;
        }
        var body = response.Body.Text;
        var headers = response.Headers;
        var code = Element(body, "Code") ?? headers.Get("x-ms-error-code") ?? headers.Get("x-minio-error-code") ?? headers.Get("x-amz-error-code");
        var message = Element(body, "Message") ?? headers.Get("x-minio-error-desc") ?? headers.Get("x-amz-error-message");
        return new StorageError
        {
            Code = code,
            Message = message,
            BucketRegion = headers.Get("x-amz-bucket-region") ?? Element(body, "Region"),
            Endpoint = Element(body, "Endpoint"),
            ServerTime = Time(Element(body, "ServerTime")),
            Expires = Time(Element(body, "Expires")),
            RequestTime = Time(Element(body, "RequestTime")),
            RequestId = headers.Get("x-amz-request-id") ?? Element(body, "RequestId") ?? headers.Get("x-ms-request-id"),
        };
    }

    private static string? Element(string? body, string name)
    {
        if (body == null || body.IndexOf('<') < 0)
        {
            return null;
        }
        var match = ElementPattern().Match(body);
        while (match.Success)
        {
            if (match.Groups["name"].Value == name)
            {
                return WebUtility.HtmlDecode(match.Groups["value"].Value.Trim());
            }
            match = match.NextMatch();
        }
        return null;
    }

    private static DateTimeOffset? Time(string? text) =>
        text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    [GeneratedRegex(@"<(?<name>[A-Za-z]+)>(?<value>[^<]*)</\k<name>>")]
    private static partial Regex ElementPattern();
}
