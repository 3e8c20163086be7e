using System.Globalization;
using System.Text.RegularExpressions;
using RegDiag.Core.Decoding;
using RegDiag.Core.Model;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Views;

/// <summary>How flow fields read in a narrow column: short paths, human sizes and durations.</summary>
internal static partial class FlowFormat
{
    public static string Time(Flow flow) =>
        flow.Exchange.Timings.Started.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Status(Flow flow) =>
        flow.Exchange.Response is { } response ? response.Status.ToString(CultureInfo.InvariantCulture)
        : flow.Exchange.Error is { } error ? KindTag(error.Kind)
        : "...";

    public static string Host(Flow flow) => $"{KindTag(flow),-3} {flow.Host}";

    /// <summary>reg, tok, s3 (gcs, az, cdn for other stores) or "-".</summary>
    public static string KindTag(Flow flow) => flow.Kind switch
    {
        HostKind.Registry => "reg",
        HostKind.Token => "tok",
        HostKind.Storage => flow.Classification.Storage?.Provider switch
        {
            StorageProvider.Gcs => "gcs",
            StorageProvider.Azure => "az",
            StorageProvider.CloudFront => "cdn",
            _ => "s3",
        },
        _ => "-",
    };

    /// <summary>
    /// The path with the parts a person does not read shortened: digests to their first 12 hex digits, the
    /// storage driver's fixed prefix, the (long, signed) query string. Repository and resource stay whole.
    /// </summary>
    public static string ShortPath(Flow flow)
    {
        var path = flow.PathAndQuery;
        var query = path.IndexOf('?');
        var suffix = "";
        if (query >= 0)
        {
            var q = path[(query + 1)..];
            suffix = q.Length <= 24 ? "?" + q : "?…";
            path = path[..query];
        }
        path = path.Replace("/docker/registry/v2/", "/…/", StringComparison.Ordinal);
        path = LongHex().Replace(path, m => m.Value[..12] + "…");
        return path + suffix;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024 * 1024):0.##} GiB"),
    };

    public static string FlowSize(Flow flow) =>
        Size(Math.Max(flow.Exchange.Request.Body.Size, flow.Exchange.Response?.Body.Size ?? 0));

    public static string Duration(double milliseconds) => milliseconds switch
    {
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0} ms"),
        < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000:0.0} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 60_000:0.0} min"),
    };

    public static string Rate(double bytesPerSecond) => Size((long)bytesPerSecond) + "/s";

    private static string KindTag(ExchangeErrorKind kind) => kind switch
    {
        ExchangeErrorKind.UpstreamDns => "DNS",
        ExchangeErrorKind.UpstreamConnect => "CONN",
        ExchangeErrorKind.UpstreamTls or ExchangeErrorKind.ClientTlsHandshake => "TLS",
        ExchangeErrorKind.UpstreamTimeout => "TIME",
        ExchangeErrorKind.UpstreamReset => "RST",
        ExchangeErrorKind.ClientAborted => "ABRT",
        _ => "ERR",
    };

    [GeneratedRegex("[0-9a-f]{32,}")]
    private static partial Regex LongHex();
}
