using System.IO.Enumeration;

namespace RegDiag.Proxy.Connect;

/// <summary>
/// Decides which CONNECT targets are intercepted: --passthrough globs are tunnelled untouched, and when
/// --intercept globs are given only the hosts they match are intercepted. Globs: * any run, ? one character,
/// case-insensitive (matched with the runtime's own file-name wildcard matcher).
/// </summary>
internal sealed class HostGlobs
{
    private readonly string[] _passthrough;
    private readonly string[] _intercept;

    public HostGlobs(IEnumerable<string> passthrough, IEnumerable<string> intercept)
    {
        _passthrough = [.. passthrough.Select(glob => glob.Trim())];
        _intercept = [.. intercept.Select(glob => glob.Trim())];
    }

    public bool ShouldIntercept(string host) =>
        !Matches(_passthrough, host) && (_intercept.Length == 0 || Matches(_intercept, host));

    private static bool Matches(string[] globs, string host) =>
        globs.Any(glob => FileSystemName.MatchesSimpleExpression(glob, host, ignoreCase: true));
}
