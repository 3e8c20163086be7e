using System.Globalization;
using System.Text.RegularExpressions;
using RegDiag.Core;

namespace RegDiag.Doctor.BodySize;

/// <summary>
/// Sizes as nginx and Kubernetes write body limits: "2M", "512k", "1g", "2MiB", "100MB" or plain bytes.
/// Units are binary (nginx's 1m is 1 MiB); "MB" is read as MiB too, because that is what limits mean.
/// Used for --probe-size; bad input is an <see cref="InputException"/> naming the option.
/// </summary>
public static partial class ByteSize
{
    /// <summary>Large enough for any layer; beyond it the probe would be a load test.</summary>
    private const long Max = 64L * 1024 * 1024 * 1024;

    public static long Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new InputException($"{option} {text}: expected a size such as 2M, 512K, 1G or 1048577");
        }
        var factor = char.ToLowerInvariant(match.Groups["unit"].Value.FirstOrDefault()) switch
        {
            'k' => 1024L,
            'm' => 1024L * 1024,
            'g' => 1024L * 1024 * 1024,
            _ => 1L,
        };
        var bytes = number * factor;
        if (bytes < 1 || bytes > Max)
        {
            throw new InputException($"{option} {text}: must be between 1 byte and 64G");
        }
        return (long)bytes;
    }

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?)\s*(?<unit>[kKmMgG](i?[bB])?|[bB])?$")]
    private static partial Regex Pattern();
}
