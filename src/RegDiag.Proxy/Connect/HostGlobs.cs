using System.Text.RegularExpressions;

namespace RegDiag.Proxy.Connect;

/// <summary>
/// Decides which CONNECT targets are intercepted: --passthrough globs are tunnelled untouched, and when
/// --intercept globs are given only the hosts they match are intercepted. Globs: * any run, ? one character.
/// </summary>
internal sealed class HostGlobs
{
    private readonly Regex[] _passthrough;
    private readonly Regex[] _intercept;

    public HostGlobs(IEnumerable<string> passthrough, IEnumerable<string> intercept)
    {
        _passthrough = [.. passthrough.Select(ToRegex)];
        _intercept = [.. intercept.Select(ToRegex)];
    }

    public bool ShouldIntercept(string host) =>
        !_passthrough.Any(r => r.IsMatch(host)) && (_intercept.Length == 0 || _intercept.Any(r => r.IsMatch(host)));

    private static Regex ToRegex(string glob) => new(
        "^" + Regex.Escape(glob.Trim()).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
