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
    /// <summary>Reads the entry object the reader is on (its start token).</summary>
    public static Exchange ToExchange(ref Utf8JsonReader reader, long sequence, StringPool pool)
    {
        var entry = HarEntryFields.Read(ref reader, pool);
        var extension = entry.RegDiag;
        var request = ReadRequest(entry.Request ?? throw new JsonException("entry without \"request\""), extension?.RequestBody, pool);
        var (response, error) = ReadResponse(entry, entry.Response, extension?.ResponseBody, pool);
        if (extension?.Error is var (kind, message))
        {
            error = new ExchangeError(Enum.TryParse<ExchangeErrorKind>(kind, out var parsed) ? parsed : ExchangeErrorKind.Other, message ?? "");
        }

        return new Exchange
        {
            Id = extension?.Id is { } id ? (long)id : sequence,
            ClientAddress = extension?.ClientAddress,
            ConnectionId = entry.Connection,
            Source = extension?.Source ?? "har",
            Request = request,
            Response = response,
            Error = error,
            Timings = ReadTimings(entry, extension?.Timings, response != null),
        };
    }

    private static RequestRecord ReadRequest(HarEntryFields.Message request, HarEntryFields.ExtensionBody? extensionBody, StringPool pool)
    {
        IReadOnlyList<Header> headers = request.Headers ?? [];
        var url = request.Url ?? throw new JsonException("request without \"url\"");
        var postData = request.Body;
        var contentType = postData?.MimeType is { Length: > 0 } mime ? mime : headers.Get("Content-Type");
        var text = postData?.Text;
        if (text == null && postData?.Params is { } parameters)
        {
            // Some exporters give a form post only as params.
            text = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name ?? "") + "=" + Uri.EscapeDataString(p.Value ?? "")));
        }
        var body = ReadBody(text, postData?.Encoding, contentType, request.BodySize, extensionBody);
        return new RequestRecord
        {
            Method = request.Method ?? "GET",
            Url = url,
            HttpVersion = NormaliseVersion(request.HttpVersion),
            Headers = headers,
            Body = body,
        };
    }

    private static (ResponseRecord? Response, ExchangeError? Error) ReadResponse(
        HarEntryFields entry, HarEntryFields.Message? response, HarEntryFields.ExtensionBody? extensionBody, StringPool pool)
    {
        var status = (int)(response?.Status ?? 0);
        var errorText = response?.Error ?? entry.Error ?? response?.ErrorMessage;
        var content = response?.Body;
        IReadOnlyList<Header> headers = response?.Headers ?? [];
        var contentType = content?.MimeType is { Length: > 0 } mime ? mime : headers.Get("Content-Type");
        var text = content?.Text;

        if (status <= 0)
        {
            var message = errorText ?? NonEmpty(response?.Comment) ?? NonEmpty(entry.Comment)
                ?? NonEmpty(response?.StatusText) ?? "no response recorded";
            return (null, new ExchangeError(ErrorKinds.FromMessage(message), message));
        }
        if (status == 502 && text != null && text.StartsWith("[Fiddler] ", StringComparison.Ordinal))
        {
            // Fiddler answers a failed upstream connection itself with a 502 page; the server never did.
            var line = text.Split('\n', 2)[0].Trim();
            return (null, new ExchangeError(ErrorKinds.FromMessage(line), line));
        }
        var size = content?.Size is { } s && s >= 0 ? s : response?.BodySize;
        var record = new ResponseRecord
        {
            Status = status,
            Reason = response?.StatusText,
            HttpVersion = NormaliseVersion(response?.HttpVersion),
            Headers = headers,
            Body = ReadBody(text, content?.Encoding, contentType, size, extensionBody),
        };
        return (record, errorText == null ? null : new ExchangeError(ErrorKinds.FromMessage(errorText), errorText));
    }

    private static BodyRecord ReadBody(string? text, string? encoding, string? contentType, double? declaredSize, HarEntryFields.ExtensionBody? extension)
    {
        var size = extension?.Size ?? (declaredSize is { } d && d >= 0 ? d : (double?)null);
        var sha256 = extension?.Sha256;
        var truncated = extension?.TextTruncated ?? false;
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
            if (TextualContent.IsTextual(contentType))
            {
                var count = Math.Min(bytes.Length, BodyRecord.TextLimit);
                kept = Encoding.UTF8.GetString(bytes, 0, count);
                truncated |= bytes.Length > count;
            }
        }
        else if (text != null && (TextualContent.IsTextual(contentType) || !TextualContent.IsKnownBinary(contentType)))
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

    private static ExchangeTimings ReadTimings(HarEntryFields entry, HarEntryFields.Numbers? extension, bool answered)
    {
        var started = ParseDate(entry.StartedDateTime);
        if (extension != null)
        {
            return new ExchangeTimings
            {
                Started = started,
                RequestSentMs = extension["requestSentMs"],
                FirstResponseByteMs = extension["firstResponseByteMs"],
                EndMs = extension["endMs"],
            };
        }
        var timings = entry.Timings;
        double Phase(string name) => Math.Max(0, timings?[name] ?? 0);
        // HAR counts ssl inside connect, so ssl is not added again.
        var sent = Phase("blocked") + Phase("dns") + Phase("connect") + Phase("send");
        var total = entry.Time is { } t && t >= 0 ? t : sent + Phase("wait") + Phase("receive");
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
}
