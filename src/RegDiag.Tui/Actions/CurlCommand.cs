using System.Text;
using RegDiag.Core.Model;

namespace RegDiag.Tui.Actions;

/// <summary>
/// A curl command line that repeats a request. It prints what it is given: callers pass the exchange
/// through the redactor first.
/// </summary>
internal static class CurlCommand
{
    private static readonly string[] Skipped = ["Host", "Content-Length", "Connection", "Proxy-Connection", "Accept-Encoding"];

    public static string Build(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var request = exchange.Request;
        var text = new StringBuilder("curl");
        if (request.Method == "HEAD")
        {
            text.Append(" --head");
        }
        else if (request.Method != "GET")
        {
            text.Append(" -X ").Append(request.Method);
        }
        foreach (var header in request.Headers)
        {
            if (Skipped.Contains(header.Name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            text.Append(" \\\n  -H ").Append(Quote($"{header.Name}: {header.Value}"));
        }
        if (request.Body.Size > 0)
        {
            text.Append(" \\\n  --data-binary @body");
        }
        text.Append(" \\\n  ").Append(Quote(request.Url));
        return text.ToString();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
