using System.Text.Json;
using static RegDiag.Core.Har.HarJsonValues;

namespace RegDiag.Core.Har;

/// <summary>
/// The fields of one HAR entry that RegDiag uses, as the file wrote them, read in one pass of
/// <see cref="Utf8JsonReader"/> (a DOM per entry cost a third of the time of analysing a large capture).
/// Rules, as everywhere in the HAR import: the last of repeated names wins; null is absent; an object field
/// holding something else reads as an empty object; unknown fields are skipped.
/// </summary>
internal sealed class HarEntryFields
{
    public string? StartedDateTime { get; private set; }

    public double? Time { get; private set; }

    public string? Connection { get; private set; }

    /// <summary>Chrome's <c>_error</c> on the entry.</summary>
    public string? Error { get; private set; }

    public string? Comment { get; private set; }

    public Numbers? Timings { get; private set; }

    public Message? Request { get; private set; }

    public Message? Response { get; private set; }

    /// <summary>RegDiag's own <see cref="HarExtension"/> object.</summary>
    public Extension? RegDiag { get; private set; }

    /// <summary>Reads the entry object the reader is on (its start token), leaving the reader on its end.</summary>
    public static HarEntryFields Read(ref Utf8JsonReader reader, StringPool pool)
    {
        var entry = new HarEntryFields();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("request"u8))
            {
                Value(ref reader);
                entry.Request = Message.Read(ref reader, pool, request: true);
            }
            else if (reader.ValueTextEquals("response"u8))
            {
                Value(ref reader);
                entry.Response = Message.Read(ref reader, pool, request: false);
            }
            else if (reader.ValueTextEquals("startedDateTime"u8))
            {
                Value(ref reader);
                entry.StartedDateTime = String(ref reader);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                Value(ref reader);
                entry.Time = Number(ref reader);
            }
            else if (reader.ValueTextEquals("timings"u8))
            {
                Value(ref reader);
                entry.Timings = Numbers.Read(ref reader);
            }
            else if (reader.ValueTextEquals("connection"u8))
            {
                Value(ref reader);
                entry.Connection = String(ref reader);
            }
            else if (reader.ValueTextEquals("_error"u8))
            {
                Value(ref reader);
                entry.Error = String(ref reader);
            }
            else if (reader.ValueTextEquals("comment"u8))
            {
                Value(ref reader);
                entry.Comment = String(ref reader);
            }
            else if (reader.ValueTextEquals(HarExtension.Utf8Name))
            {
                Value(ref reader);
                entry.RegDiag = Extension.Read(ref reader);
            }
            else
            {
                Value(ref reader);
                reader.Skip();
            }
        }
        return entry;
    }

    /// <summary>
    /// Moves to the next property name of the object being read, from its start or from the end of the previous
    /// value (every read here leaves the reader on the value's last token); false at the object's end.
    /// </summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        Value(ref reader);
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Null for JSON null; otherwise true when the value is an object to read (else it is skipped).</summary>
    private static bool? Open(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }
        reader.Skip();
        return false;
    }

    /// <summary>A request or response: the fields of both, since exporters put errors in odd places.</summary>
    internal sealed class Message
    {
        public string? Method { get; private set; }

        public string? Url { get; private set; }

        public string? HttpVersion { get; private set; }

        /// <summary>Null when the message has no headers array.</summary>
        public Model.Header[]? Headers { get; private set; }

        public double? BodySize { get; private set; }

        public double? Status { get; private set; }

        public string? StatusText { get; private set; }

        public string? Error { get; private set; }

        public string? ErrorMessage { get; private set; }

        public string? Comment { get; private set; }

        /// <summary>The request's <c>postData</c> or the response's <c>content</c>.</summary>
        public Content? Body { get; private set; }

        public static Message? Read(ref Utf8JsonReader reader, StringPool pool, bool request)
        {
            if (Open(ref reader) is not { } isObject)
            {
                return null;
            }
            var message = new Message();
            if (!isObject)
            {
                return message;
            }
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("headers"u8))
                {
                    Value(ref reader);
                    message.Headers = ReadHeaders(ref reader, pool);
                }
                else if (reader.ValueTextEquals("url"u8))
                {
                    Value(ref reader);
                    message.Url = String(ref reader);
                }
                else if (reader.ValueTextEquals("method"u8))
                {
                    Value(ref reader);
                    message.Method = Pooled(ref reader, pool);
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    Value(ref reader);
                    message.Status = Number(ref reader);
                }
                else if (reader.ValueTextEquals("statusText"u8))
                {
                    Value(ref reader);
                    message.StatusText = Pooled(ref reader, pool);
                }
                else if (reader.ValueTextEquals("httpVersion"u8))
                {
                    Value(ref reader);
                    message.HttpVersion = Pooled(ref reader, pool);
                }
                else if (reader.ValueTextEquals(request ? "postData"u8 : "content"u8))
                {
                    Value(ref reader);
                    message.Body = Content.Read(ref reader);
                }
                else if (reader.ValueTextEquals("bodySize"u8))
                {
                    Value(ref reader);
                    message.BodySize = Number(ref reader);
                }
                else if (reader.ValueTextEquals("_error"u8))
                {
                    Value(ref reader);
                    message.Error = String(ref reader);
                }
                else if (reader.ValueTextEquals("_errorMessage"u8))
                {
                    Value(ref reader);
                    message.ErrorMessage = String(ref reader);
                }
                else if (reader.ValueTextEquals("comment"u8))
                {
                    Value(ref reader);
                    message.Comment = String(ref reader);
                }
                else
                {
                    Value(ref reader);
                    reader.Skip();
                }
            }
            return message;
        }

        /// <summary>An exact-size array: one object per message rather than a list and its array.</summary>
        private static Model.Header[]? ReadHeaders(ref Utf8JsonReader reader, StringPool pool)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return null;
            }
            var headers = pool.Headers;
            headers.Clear();
            while (true)
            {
                Value(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return headers.Count == 0 ? [] : headers.ToArray();
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                string? name = null;
                string? value = null;
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("name"u8))
                    {
                        Value(ref reader);
                        name = Pooled(ref reader, pool);
                    }
                    else if (reader.ValueTextEquals("value"u8))
                    {
                        Value(ref reader);
                        value = Pooled(ref reader, pool);
                    }
                    else
                    {
                        Value(ref reader);
                        reader.Skip();
                    }
                }
                // Chrome lists HTTP/2 pseudo-headers (:method, :path); the URL and method already say it.
                if (!string.IsNullOrEmpty(name) && name[0] != ':')
                {
                    headers.Add(pool.Header(name, value ?? ""));
                }
            }
        }
    }

    /// <summary>A body as HAR describes it (<c>postData</c> or <c>content</c>).</summary>
    internal sealed class Content
    {
        public string? MimeType { get; private set; }

        public string? Text { get; private set; }

        public string? Encoding { get; private set; }

        public double? Size { get; private set; }

        /// <summary>A form post given only as name/value pairs (null when there is no params array).</summary>
        public List<(string? Name, string? Value)>? Params { get; private set; }

        public static Content? Read(ref Utf8JsonReader reader)
        {
            if (Open(ref reader) is not { } isObject)
            {
                return null;
            }
            var content = new Content();
            if (!isObject)
            {
                return content;
            }
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("text"u8))
                {
                    Value(ref reader);
                    content.Text = String(ref reader);
                }
                else if (reader.ValueTextEquals("mimeType"u8))
                {
                    Value(ref reader);
                    content.MimeType = String(ref reader);
                }
                else if (reader.ValueTextEquals("size"u8))
                {
                    Value(ref reader);
                    content.Size = Number(ref reader);
                }
                else if (reader.ValueTextEquals("encoding"u8))
                {
                    Value(ref reader);
                    content.Encoding = String(ref reader);
                }
                else if (reader.ValueTextEquals("params"u8))
                {
                    Value(ref reader);
                    content.Params = ReadParams(ref reader);
                }
                else
                {
                    Value(ref reader);
                    reader.Skip();
                }
            }
            return content;
        }

        private static List<(string?, string?)>? ReadParams(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return null;
            }
            var parameters = new List<(string?, string?)>();
            while (true)
            {
                Value(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return parameters;
                }
                string? name = null;
                string? value = null;
                if (Open(ref reader) == true)
                {
                    while (NextProperty(ref reader))
                    {
                        if (reader.ValueTextEquals("name"u8))
                        {
                            Value(ref reader);
                            name = String(ref reader);
                        }
                        else if (reader.ValueTextEquals("value"u8))
                        {
                            Value(ref reader);
                            value = String(ref reader);
                        }
                        else
                        {
                            Value(ref reader);
                            reader.Skip();
                        }
                    }
                }
                parameters.Add((name, value));
            }
        }
    }

    /// <summary>An object of numbers: the entry's <c>timings</c> (HAR's phases) or the extension's.</summary>
    internal sealed class Numbers
    {
        private static readonly string[] Names =
            ["blocked", "dns", "connect", "send", "wait", "receive", "requestSentMs", "firstResponseByteMs", "endMs"];

        private static readonly byte[][] Utf8Names = Array.ConvertAll(Names, System.Text.Encoding.UTF8.GetBytes);

        private readonly double?[] _values = new double?[Names.Length];

        /// <summary>One of the names above; null when absent.</summary>
        public double? this[string name] => _values[Array.IndexOf(Names, name)];

        public static Numbers? Read(ref Utf8JsonReader reader)
        {
            if (Open(ref reader) is not { } isObject)
            {
                return null;
            }
            var numbers = new Numbers();
            while (isObject && NextProperty(ref reader))
            {
                var index = Index(ref reader);
                Value(ref reader);
                if (index < 0)
                {
                    reader.Skip();
                }
                else
                {
                    numbers._values[index] = Number(ref reader);
                }
            }
            return numbers;
        }

        private static int Index(ref Utf8JsonReader reader)
        {
            for (var i = 0; i < Utf8Names.Length; i++)
            {
                if (reader.ValueTextEquals(Utf8Names[i]))
                {
                    return i;
                }
            }
            return -1;
        }
    }

    /// <summary>RegDiag's extension: what HAR has no field for (see <see cref="HarExtension"/>).</summary>
    internal sealed class Extension
    {
        public double? Id { get; private set; }

        public string? ClientAddress { get; private set; }

        public string? Source { get; private set; }

        public ExtensionBody? RequestBody { get; private set; }

        public ExtensionBody? ResponseBody { get; private set; }

        /// <summary>Present (even empty) when the exchange failed.</summary>
        public (string? Kind, string? Message)? Error { get; private set; }

        public Numbers? Timings { get; private set; }

        public static Extension? Read(ref Utf8JsonReader reader)
        {
            if (Open(ref reader) is not { } isObject)
            {
                return null;
            }
            var extension = new Extension();
            if (!isObject)
            {
                return extension;
            }
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    Value(ref reader);
                    extension.Id = Number(ref reader);
                }
                else if (reader.ValueTextEquals("clientAddress"u8))
                {
                    Value(ref reader);
                    extension.ClientAddress = String(ref reader);
                }
                else if (reader.ValueTextEquals("source"u8))
                {
                    Value(ref reader);
                    extension.Source = String(ref reader);
                }
                else if (reader.ValueTextEquals("requestBody"u8))
                {
                    Value(ref reader);
                    extension.RequestBody = ExtensionBody.Read(ref reader);
                }
                else if (reader.ValueTextEquals("responseBody"u8))
                {
                    Value(ref reader);
                    extension.ResponseBody = ExtensionBody.Read(ref reader);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    Value(ref reader);
                    extension.Error = ReadError(ref reader);
                }
                else if (reader.ValueTextEquals("timings"u8))
                {
                    Value(ref reader);
                    extension.Timings = Numbers.Read(ref reader);
                }
                else
                {
                    Value(ref reader);
                    reader.Skip();
                }
            }
            return extension;
        }

        private static (string?, string?)? ReadError(ref Utf8JsonReader reader)
        {
            if (Open(ref reader) is not { } isObject)
            {
                return null;
            }
            string? kind = null;
            string? message = null;
            while (isObject && NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("kind"u8))
                {
                    Value(ref reader);
                    kind = String(ref reader);
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    Value(ref reader);
                    message = String(ref reader);
                }
                else
                {
                    Value(ref reader);
                    reader.Skip();
                }
            }
            return (kind, message);
        }
    }

    /// <summary>The extension's body facts: exact size, digest, whether the kept text was cut.</summary>
    internal sealed class ExtensionBody
    {
        public double? Size { get; private set; }

        public string? Sha256 { get; private set; }

        public bool TextTruncated { get; private set; }

        public static ExtensionBody? Read(ref Utf8JsonReader reader)
        {
            if (Open(ref reader) is not { } isObject)
            {
                return null;
            }
            var body = new ExtensionBody();
            while (isObject && NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("size"u8))
                {
                    Value(ref reader);
                    body.Size = Number(ref reader);
                }
                else if (reader.ValueTextEquals("sha256"u8))
                {
                    Value(ref reader);
                    body.Sha256 = String(ref reader);
                }
                else if (reader.ValueTextEquals("textTruncated"u8))
                {
                    Value(ref reader);
                    body.TextTruncated = True(ref reader);
                }
                else
                {
                    Value(ref reader);
                    reader.Skip();
                }
            }
            return body;
        }
    }
}
