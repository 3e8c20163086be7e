using System.Globalization;
using System.Text;

namespace RegDiag.Lab.Logging;

/// <summary>
/// Writes lines in logrus's text format (time, level, msg first; other fields sorted; values quoted when
/// they hold anything but [A-Za-z0-9-._/@^+]), the format distribution logs in, so tools that read a real
/// registry's log read the lab's. Hand-written: no .NET library emits logrus text.
/// </summary>
internal sealed class LogrusWriter : IDisposable
{
    private readonly List<TextWriter> _outputs;
    private readonly IDisposable? _owned;
    private readonly object _lock = new();

    /// <param name="owned">An output this writer opened (the --log-file) and closes on dispose.</param>
    public LogrusWriter(IEnumerable<TextWriter> outputs, IDisposable? owned = null)
    {
        _outputs = outputs.ToList();
        _owned = owned;
    }

    public void Write(string level, string message, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var line = Format(DateTimeOffset.UtcNow, level, message, fields);
        lock (_lock)
        {
            foreach (var output in _outputs)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }
    }

    public static string Format(DateTimeOffset time, string level, string message, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var text = new StringBuilder();
        text.Append("time=").Append(Quote(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture)));
        text.Append(" level=").Append(level);
        text.Append(" msg=").Append(Quote(message));
        foreach (var (key, value) in fields.Where(f => f.Value != null).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(' ').Append(key).Append('=').Append(Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
        }
        return text.ToString();
    }

    private static string Quote(string value)
    {
        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '/' or '@' or '^' or '+'))
        {
            return value;
        }
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _outputs.Clear();
            _owned?.Dispose();
        }
    }
}
