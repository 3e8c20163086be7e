using System.Globalization;
using System.Text.Json;
using RegDiag.Core.Http;
using RegDiag.Core.Model;

namespace RegDiag.Core.Har;

/// <summary>Writes one (already redacted) exchange as a HAR 1.2 entry.</summary>
internal static class HarEntryWriter
{
    public static void Write(Utf8JsonWriter json, Exchange exchange)
    {
        var timings = HarTimings.From(exchange.Timings);
        json.WriteStartObject();
        json.WriteString("startedDateTime", exchange.Timings.Started.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
        json.WriteNumber("time", timings.Total);
        WriteRequest(json, exchange.Request);
        WriteResponse(json, exchange.Response, exchange.Error);
        json.WritePropertyName("cache");
        json.WriteStartObject();
        json.WriteEndObject();
        timings.Write(json);
        if (exchange.ConnectionId != null)
        {
            json.WriteString("connection", exchange.ConnectionId);
        }
        WriteExtension(json, exchange);
        json.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter json, RequestRecord request)
    {
        json.WritePropertyName("request");
        json.WriteStartObject();
        json.WriteString("method", request.Method);
        json.WriteString("url", request.Url);
        json.WriteString("httpVersion", request.HttpVersion);
        json.WritePropertyName("cookies");
        json.WriteStartArray();
        foreach (var cookie in request.Headers.GetAll("Cookie"))
        {
            foreach (var pair in cookie.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                WriteCookie(json, pair);
            }
        }
        json.WriteEndArray();
        WriteHeaders(json, request.Headers);
        json.WritePropertyName("queryString");
        json.WriteStartArray();
        foreach (var (name, value) in QueryString.Parse(request.Url))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("value", value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (request.Body.Text != null)
        {
            json.WritePropertyName("postData");
            json.WriteStartObject();
            json.WriteString("mimeType", request.Body.ContentType ?? request.Headers.Get("Content-Type") ?? "");
            json.WriteString("text", request.Body.Text);
            json.WriteEndObject();
        }
        json.WriteNumber("headersSize", -1);
        json.WriteNumber("bodySize", request.Body.Size);
        json.WriteEndObject();
    }

    private static void WriteResponse(Utf8JsonWriter json, ResponseRecord? response, ExchangeError? error)
    {
        json.WritePropertyName("response");
        json.WriteStartObject();
        // No response at all (a transport failure): status 0 and _error, as Chrome DevTools writes it.
        json.WriteNumber("status", response?.Status ?? 0);
        json.WriteString("statusText", response?.Reason ?? "");
        json.WriteString("httpVersion", response?.HttpVersion ?? "");
        json.WritePropertyName("cookies");
        json.WriteStartArray();
        foreach (var setCookie in response?.Headers.GetAll("Set-Cookie") ?? [])
        {
            var semicolon = setCookie.IndexOf(';');
            WriteCookie(json, semicolon < 0 ? setCookie : setCookie[..semicolon]);
        }
        json.WriteEndArray();
        WriteHeaders(json, response?.Headers ?? []);
        json.WritePropertyName("content");
        json.WriteStartObject();
        var body = response?.Body ?? BodyRecord.Empty;
        json.WriteNumber("size", body.Size);
        json.WriteString("mimeType", body.ContentType ?? response?.Headers.Get("Content-Type") ?? "x-unknown");
        if (body.Text != null)
        {
            json.WriteString("text", body.Text);
        }
        json.WriteEndObject();
        json.WriteString("redirectURL", response?.Headers.Get("Location") ?? "");
        json.WriteNumber("headersSize", -1);
        json.WriteNumber("bodySize", response == null ? -1 : body.Size);
        if (error != null)
        {
            json.WriteString("_error", error.Message);
        }
        json.WriteEndObject();
    }

    private static void WriteHeaders(Utf8JsonWriter json, IReadOnlyList<Header> headers)
    {
        json.WritePropertyName("headers");
        json.WriteStartArray();
        foreach (var header in headers)
        {
            json.WriteStartObject();
            json.WriteString("name", header.Name);
            json.WriteString("value", header.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteCookie(Utf8JsonWriter json, string pair)
    {
        var equals = pair.IndexOf('=');
        json.WriteStartObject();
        json.WriteString("name", equals < 0 ? pair.Trim() : pair[..equals].Trim());
        json.WriteString("value", equals < 0 ? "" : pair[(equals + 1)..].Trim());
        json.WriteEndObject();
    }

    private static void WriteExtension(Utf8JsonWriter json, Exchange exchange)
    {
        json.WritePropertyName(HarExtension.Name);
        json.WriteStartObject();
        json.WriteNumber("id", exchange.Id);
        if (exchange.ClientAddress != null)
        {
            json.WriteString("clientAddress", exchange.ClientAddress);
        }
        if (exchange.Source != null)
        {
            json.WriteString("source", exchange.Source);
        }
        json.WritePropertyName("timings");
        json.WriteStartObject();
        WriteOptional(json, "requestSentMs", exchange.Timings.RequestSentMs);
        WriteOptional(json, "firstResponseByteMs", exchange.Timings.FirstResponseByteMs);
        WriteOptional(json, "endMs", exchange.Timings.EndMs);
        json.WriteEndObject();
        WriteBody(json, "requestBody", exchange.Request.Body);
        if (exchange.Response != null)
        {
            WriteBody(json, "responseBody", exchange.Response.Body);
        }
        if (exchange.Error != null)
        {
            json.WritePropertyName("error");
            json.WriteStartObject();
            json.WriteString("kind", exchange.Error.Kind.ToString());
            json.WriteString("message", exchange.Error.Message);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter json, string name, BodyRecord body)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        json.WriteNumber("size", body.Size);
        if (body.Sha256 != null)
        {
            json.WriteString("sha256", body.Sha256);
        }
        if (body.TextTruncated)
        {
            json.WriteBoolean("textTruncated", true);
        }
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value.HasValue)
        {
            json.WriteNumber(name, Math.Round(value.Value, 3));
        }
    }
}
