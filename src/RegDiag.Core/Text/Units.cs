using System.Globalization;

namespace RegDiag.Core.Text;

/// <summary>Human-readable sizes, durations and rates for text output.</summary>
public static class Units
{
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.##} GiB"),
    };

    public static string Duration(double milliseconds) => milliseconds switch
    {
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0}ms"),
        < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000:0.0}s"),
        _ => $"{(int)(milliseconds / 60_000)}m{(int)(milliseconds % 60_000 / 1000):00}s",
    };

    public static string Offset(double milliseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"+{milliseconds / 1000:0.000}s");

    public static string Rate(double bytesPerSecond) => Bytes((long)bytesPerSecond) + "/s";

    /// <summary>"1 diagnosis", "2 diagnoses", "0 errors": a count with the noun in the right number.</summary>
    public static string Count(long count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");
}
