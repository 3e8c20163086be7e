using System.Globalization;
using RegDiag.Core.Capture;
using RegDiag.Core.Model;
using RegDiag.Core.Text;

namespace RegDiag.Cli.Commands.Proxy;

/// <summary>`regdiag proxy --no-tui`: one line per completed exchange (time, method, status, host, path, size, duration).</summary>
internal sealed class ExchangeLineSink(TextWriter output, AnsiStyle style) : IExchangeSink
{
    private readonly Lock _gate = new();

    public void OnExchange(Exchange exchange)
    {
        var line = Format(exchange, style);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    internal static string Format(Exchange exchange, AnsiStyle style)
    {
        var (host, path) = Split(exchange.Request.Url);
        var status = exchange.Error != null
            ? style.Red("ERR")
            : exchange.Response is { } response ? Colour(response.Status, style) : "---";
        var size = exchange.Response?.Body.Size ?? 0;
        var time = exchange.Timings.Started.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var target = path.Length == 0 ? host : $"{host} {path}";
        var line = $"{style.Dim(time)} {exchange.Request.Method,-7} {status} {target} {FormatSize(size)} {exchange.Timings.DurationMs.ToString("0", CultureInfo.InvariantCulture)} ms";
        return exchange.Error == null ? line : $"{line} {style.Red(exchange.Error.Kind.ToString())}: {exchange.Error.Message}";
    }

    private static string Colour(int status, AnsiStyle style)
    {
        var text = status.ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            < 300 => style.Green(text),
            < 400 => style.Cyan(text),
            < 500 => style.Yellow(text),
            _ => style.Red(text),
        };
    }

    private static (string Host, string Path) Split(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return (url, ""); // CONNECT host:port
        }
        var slash = url.IndexOf('/', scheme + 3);
        return slash < 0 ? (url[(scheme + 3)..], "/") : (url[(scheme + 3)..slash], url[slash..]);
    }

    internal static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        < 1024L * 1024 * 1024 => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / 1073741824.0).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
    };
}
