using System.Text;

namespace RegDiag.Lab.Config;

/// <summary>
/// Writes $REGDIAG_HOME/lab/config.yml in distribution's configuration format, describing the running lab
/// (storage, http and debug addresses, token auth), for doctor and for running a real registry on the same
/// storage. Hand-written YAML: a handful of scalar keys do not justify a YAML library.
/// </summary>
internal sealed class DistributionConfigWriter
{
    private readonly StringBuilder _text = new();

    public DistributionConfigWriter Line(int indent, string key, string? value = null)
    {
        _text.Append(' ', indent * 2).Append(key).Append(':');
        if (value != null)
        {
            _text.Append(' ').Append(Scalar(value));
        }
        _text.Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>Quotes values YAML would otherwise read as something else.</summary>
    private static string Scalar(string value) =>
        value.Length == 0 || value.Any(c => c is ':' or '#' or '{' or '}' or '[' or ']' or ',' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`')
            || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])
            ? "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : value;
}
