using System.Text;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Export;

/// <summary>
/// "Copy as curl": a POSIX shell command that repeats a request. It goes through the <see cref="Redactor"/>
/// like every other export, so a copied command carries markers, not credentials.
/// </summary>
public static class CurlCommand
{
    public static string Format(Exchange exchange, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(redactor);
        var request = redactor.Redact(exchange).Request;
        var command = new StringBuilder("curl");
        switch (request.Method)
        {
            case "GET":
                break;
            case "HEAD":
                // -X HEAD would wait for a body that never comes.
                command.Append(" --head");
                break;
            default:
                command.Append(" -X ").Append(Quote(request.Method));
                break;
        }
        foreach (var header in request.Headers)
        {
            if (header.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) ||
                header.Name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !IsHostOverride(header.Value, request.Url))
            {
                continue;
            }
            command.Append(" -H ").Append(Quote($"{header.Name}: {header.Value}"));
        }
        if (request.Body.Text != null)
        {
            command.Append(" --data-binary ").Append(Quote(request.Body.Text));
        }
        else if (request.Body.Size > 0)
        {
            command.Append(" --data-binary @body.bin");
        }
        command.Append(' ').Append(Quote(request.Url));
        if (request.Body.Text == null && request.Body.Size > 0)
        {
            command.Append($"  # body not kept: {request.Body.Size} bytes{(request.Body.Sha256 is { } d ? ", " + d : "")}");
        }
        return command.ToString();
    }

    private static bool IsHostOverride(string host, string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, host, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase);

    /// <summary>Single-quotes for POSIX shells; an embedded quote becomes '\''.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
