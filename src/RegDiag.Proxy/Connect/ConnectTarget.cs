using System.Diagnostics.CodeAnalysis;

namespace RegDiag.Proxy.Connect;

/// <summary>Parses a CONNECT request target (authority-form: host:port, [v6]:port).</summary>
internal static class ConnectTarget
{
    public static bool TryParse(string target, [NotNullWhen(true)] out string? host, out int port)
    {
        host = null;
        port = 0;
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out port)
            || port is < 1 or > 65535)
        {
            return false;
        }
        var name = target[..colon];
        if (name.StartsWith('[') && name.EndsWith(']'))
        {
            name = name[1..^1];
        }
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is '/' or '@' or '?' or '#'))
        {
            return false;
        }
        host = name;
        return true;
    }
}
