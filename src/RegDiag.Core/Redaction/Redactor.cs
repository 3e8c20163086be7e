using RegDiag.Core.Model;

namespace RegDiag.Core.Redaction;

/// <summary>
/// The one component every export path goes through (HAR, reports, copy-as-curl, doctor's output), so a
/// secret cannot leak through a forgotten path. It returns redacted copies and never changes its input:
/// the decoder works on the captured exchange, exports on the redacted one.
/// </summary>
/// <remarks>
/// Redacted: Authorization and Proxy-Authorization (the scheme stays), Cookie and Set-Cookie values,
/// token headers (<see cref="SecretNames"/>), tokens and passwords in token-service bodies and form posts,
/// presigned-URL signatures and credentials (S3 SigV4/SigV2, GCS, Azure SAS, CloudFront), user:password in
/// URLs, JWTs anywhere (header and claims kept, signature replaced). Markers: <see cref="SecretMarker"/>.
/// </remarks>
public sealed class Redactor
{
    private readonly TextRedaction _text;

    public Redactor(RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _text = new TextRedaction(options);
    }

    /// <summary>Redaction with the default options (everything known redacted).</summary>
    public static Redactor Default { get; } = new(RedactionOptions.Default);

    public RedactionOptions Options { get; }

    public Exchange Redact(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (!Options.Enabled)
        {
            return exchange;
        }
        return exchange with
        {
            Request = exchange.Request with
            {
                Url = RedactUrl(exchange.Request.Url),
                Headers = RedactHeaders(exchange.Request.Headers),
                Body = RedactBody(exchange.Request.Body),
            },
            Response = exchange.Response is null ? null : exchange.Response with
            {
                Headers = RedactHeaders(exchange.Response.Headers),
                Body = RedactBody(exchange.Response.Body),
            },
            Error = exchange.Error is null ? null : exchange.Error with { Message = RedactText(exchange.Error.Message) },
        };
    }

    /// <summary>The URL with user:password and secret query values replaced; still a valid URL.</summary>
    public string RedactUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Options.Enabled ? UrlRedaction.Redact(url, Options) : url;
    }

    /// <summary>Free text (a body, a log line, an error message, a report line).</summary>
    public string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Options.Enabled ? _text.Redact(text) : text;
    }

    public IReadOnlyList<Header> RedactHeaders(IReadOnlyList<Header> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!Options.Enabled)
        {
            return headers;
        }
        var result = new Header[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            var value = RedactHeaderValue(headers[i].Name, headers[i].Value);
            result[i] = ReferenceEquals(value, headers[i].Value) ? headers[i] : headers[i] with { Value = value };
        }
        return result;
    }

    public string RedactHeaderValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        return Options.Enabled ? HeaderRedaction.Redact(name, value, this) : value;
    }

    private BodyRecord RedactBody(BodyRecord body)
    {
        if (body.Text is null)
        {
            return body;
        }
        var text = RedactText(body.Text);
        return ReferenceEquals(text, body.Text) ? body : body with { Text = text };
    }
}
