using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RegDiag.Core.Model;

namespace RegDiag.Core.Har;

/// <summary>
/// Maps one HAR entry to an <see cref="Exchange"/>, tolerating what the common exporters do differently:
/// Chrome DevTools (HTTP/2 pseudo-headers, "h2" versions, status 0 with <c>_error</c> for failed requests),
/// mitmproxy and Charles (base64 <c>content.encoding</c> bodies), Fiddler (7-digit fractions, a byte order
/// mark, synthetic 502 pages for connection failures), numbers written as strings, -1 for unknown phases.
/// </summary>
internal static class HarEntryReader
{
    public static Exchange ToExchange(JsonElement entry, long sequence, StringPool pool)
    {
        var extension = Property(entry, HarExtension.Name);
        var requestElement = Property(entry, "request") ?? throw new JsonException("entry without \"request\"");
        var responseElement = Property(entry, "response");

        var request = ReadRequest(requestElement, Property(extension, "requestBody"), pool);
        var (response, error) = ReadResponse(entry, responseElement, Property(extension, "responseBody"), pool);
        var extensionError = Property(extension, "error");
        if (extensionError != null)
        {
            error = new ExchangeError(
                Enum.TryParse<ExchangeErrorKind>(String(extensionError, "kind"), out var kind) ? kind : ExchangeErrorKind.Other,
                String(extensionError, "message") ?? "");
        }

        return new Exchange
        {
            Id = Number(extension, "id") is { } id ? (long)id : sequence,
            ClientAddress = String(extension, "clientAddress"),
            ConnectionId = String(entry, "connection"),
            Source = String(extension, "source") ?? "har",
            Request = request,
            Response = response,
            Error = error,
            Timings = ReadTimings(entry, Property(extension, "timings"), response != null),
        };
    }

    private static RequestRecord ReadRequest(JsonElement request, JsonElement? extensionBody, StringPool pool)
    {
        var headers = ReadHeaders(request, pool);
        var url = String(request, "url") ?? throw new JsonException("request without \"url\"");
        var postData = Property(request, "postData");
        var contentType = String(postData, "mimeType") is { Length: > 0 } mime ? mime : headers.Get("Content-Type");
        var text = String(postData, "text");
        if (text == null && Property(postData, "params") is { ValueKind: JsonValueKind.Array } parameters)
        {
            // Some exporters give a form post only as params.
            text = string.Join('&', parameters.EnumerateArray().Select(p =>
                Uri.EscapeDataString(String(p, "name") ?? "") + "=" + Uri.EscapeDataString(String(p, "value") ?? "")));
        }
        var body = ReadBody(text, String(postData, "encoding"), contentType, Number(request, "bodySize"), extensionBody);
        return new RequestRecord
        {
            Method = pool.Intern(String(request, "method") ?? "GET"),
            Url = url,
            HttpVersion = NormaliseVersion(String(request, "httpVersion")),
            Headers = headers,
            Body = body,
        };
    }

    private static (ResponseRecord? Response, ExchangeError? Error) ReadResponse(
        JsonElement entry, JsonElement? response, JsonElement? extensionBody, StringPool pool)
    {
        var status = (int)(Number(response, "status") ?? 0);
        var errorText = String(response, "_error") ?? String(entry, "_error") ?? String(response, "_errorMessage");
        var content = Property(response, "content");
        var headers = response is { } r ? ReadHeaders(r, pool) : [];
        var contentType = String(content, "mimeType") is { Length: > 0 } mime ? mime : headers.Get("Content-Type");
        var text = String(content, "text");

        if (status <= 0)
        {
            var message = errorText ?? NonEmpty(String(response, "comment")) ?? NonEmpty(String(entry, "comment"))
                ?? NonEmpty(String(response, "statusText")) ?? "no response recorded";
            return (null, new ExchangeError(ErrorKinds.FromMessage(message), message));
        }
        if (status == 502 && text != null && text.StartsWith("[Fiddler] ", StringComparison.Ordinal))
        {
            // Fiddler answers a failed upstream connection itself with a 502 page; the server never did.
            var line = text.Split('\n', 2)[0].Trim();
            return (null, new ExchangeError(ErrorKinds.FromMessage(line), line));
        }
        var size = Number(content, "size") is { } s && s >= 0 ? s : Number(response, "bodySize");
        var record = new ResponseRecord
        {
            Status = status,
            Reason = String(response, "statusText") is { } reason ? pool.Intern(reason) : null,
            HttpVersion = NormaliseVersion(String(response, "httpVersion")),
            Headers = headers,
            Body = ReadBody(text, String(content, "encoding"), contentType, size, extensionBody),
        };
        return (record, errorText == null ? null : new ExchangeError(ErrorKinds.FromMessage(errorText), errorText));
    }

    private static BodyRecord ReadBody(string? text, string? encoding, string? contentType, double? declaredSize, JsonElement? extension)
    {
        var size = Number(extension, "size") ?? (declaredSize is { } d && d >= 0 ? d : (double?)null);
        var sha256 = String(extension, "sha256");
        var truncated = Property(extension, "textTruncated")?.ValueKind == JsonValueKind.True;
        string? kept = null;
        if (text != null && string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                bytes = [];
            }
            // The exact bytes are here: their digest is as good as the proxy's.
            sha256 ??= "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
            size ??= bytes.Length;
            if (TextualContent.Is(contentType))
            {
                var count = Math.Min(bytes.Length, BodyRecord.TextLimit);
                kept = Encoding.UTF8.GetString(bytes, 0, count);
                truncated |= bytes.Length > count;
            }
        }
        else if (text != null && (TextualContent.Is(contentType) || !TextualContent.IsKnownBinary(contentType)))
        {
            kept = text.Length > BodyRecord.TextLimit ? text[..BodyRecord.TextLimit] : text;
            truncated |= text.Length > BodyRecord.TextLimit;
            size ??= Encoding.UTF8.GetByteCount(text);
        }
        if (size is null or 0 && kept is null && sha256 is null)
        {
            return contentType is null or "" or "x-unknown" ? BodyRecord.Empty : new BodyRecord { ContentType = contentType };
        }
        return new BodyRecord
        {
            Size = (long)(size ?? 0),
            Sha256 = sha256,
            ContentType = contentType is "" or "x-unknown" ? null : contentType,
            Text = kept is "" ? null : kept,
            TextTruncated = truncated && kept is { Length: > 0 },
        };
    }

    private static ExchangeTimings ReadTimings(JsonElement entry, JsonElement? extension, bool answered)
    {
        var started = ParseDate(String(entry, "startedDateTime"));
        if (extension != null)
        {
            return new ExchangeTimings
            {
                Started = started,
                RequestSentMs = Number(extension, "requestSentMs"),
                FirstResponseByteMs = Number(extension, "firstResponseByteMs"),
                EndMs = Number(extension, "endMs"),
            };
        }
        var timings = Property(entry, "timings");
        double Phase(string name) => Math.Max(0, Number(timings, name) ?? 0);
        // HAR counts ssl inside connect, so ssl is not added again.
        var sent = Phase("blocked") + Phase("dns") + Phase("connect") + Phase("send");
        var total = Number(entry, "time") is { } t && t >= 0 ? t : sent + Phase("wait") + Phase("receive");
        return new ExchangeTimings
        {
            Started = started,
            RequestSentMs = sent,
            FirstResponseByteMs = answered ? sent + Phase("wait") : null,
            EndMs = Math.Max(total, sent),
        };
    }

    private static DateTimeOffset ParseDate(string? text) =>
        text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : DateTimeOffset.UnixEpoch;

    private static List<Header> ReadHeaders(JsonElement message, StringPool pool)
    {
        var headers = new List<Header>();
        if (Property(message, "headers") is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var header in array.EnumerateArray())
            {
                var name = String(header, "name");
                // Chrome lists HTTP/2 pseudo-headers (:method, :path); the URL and method already say it.
                if (!string.IsNullOrEmpty(name) && name[0] != ':')
                {
                    headers.Add(new Header(pool.Intern(name), pool.Intern(String(header, "value") ?? "")));
                }
            }
        }
        return headers;
    }

    /// <summary>"h2", "http/2.0", "HTTP/2.0" -> "HTTP/2"; unknown or empty -> "HTTP/1.1".</summary>
    internal static string NormaliseVersion(string? version) => version switch
    {
        "HTTP/1.1" or "HTTP/2" => version,
        _ => NormaliseOther(version),
    };

    private static string NormaliseOther(string? version) => version?.Trim().ToLowerInvariant() switch
    {
        "h2" or "http/2" or "http/2.0" or "h2c" => "HTTP/2",
        "h3" or "http/3" or "http/3.0" => "HTTP/3",
        "http/1.0" => "HTTP/1.0",
        "http/1.1" => "HTTP/1.1",
        null or "" or "unknown" => "HTTP/1.1",
        var other when other.StartsWith("h3-", StringComparison.Ordinal) => "HTTP/3",
        _ => version!,
    };

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private static string? String(JsonElement? element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    /// <summary>A number, also when an exporter wrote it as a string.</summary>
    private static double? Number(JsonElement? element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };
}
