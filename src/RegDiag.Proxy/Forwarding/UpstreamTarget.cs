using System.Diagnostics.CodeAnalysis;
using RegDiag.Proxy.Connect;

namespace RegDiag.Proxy.Forwarding;

/// <summary>
/// Builds the upstream URL from the request target exactly as the client sent it (Kestrel's RawTarget):
/// Kestrel decodes and normalises Request.Path and System.Uri removes dot-segments, while S3 signatures cover
/// the exact path, so neither may touch it.
/// </summary>
internal static class UpstreamTarget
{
    public static readonly UriCreationOptions Exact = new() { DangerousDisablePathAndQueryCanonicalization = true };

    public static bool TryCreate(TunnelInfo? tunnel, string rawTarget, [NotNullWhen(true)] out Uri? uri, out string url, out string? problem)
    {
        uri = null;
        problem = null;
        if (tunnel != null && rawTarget.StartsWith('/'))
        {
            var defaultPort = tunnel.Tls ? 443 : 80;
            url = tunnel.Scheme + "://" + (tunnel.Port == defaultPort ? Bracket(tunnel.Host) : tunnel.Authority) + rawTarget;
        }
        else if (rawTarget.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || rawTarget.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            url = rawTarget;
        }
        else
        {
            url = rawTarget;
            problem = tunnel == null
                ? $"'{rawTarget}' is not a proxy request: RegDiag is a forward proxy, send absolute URLs (http://host/path) or CONNECT"
                : $"request target '{rawTarget}' is not supported inside a tunnel";
            return false;
        }
        if (!Uri.TryCreate(url, Exact, out uri) || uri.IsFile)
        {
            problem = $"'{url}' is not a valid URL";
            return false;
        }
        return true;
    }

    private static string Bracket(string host) => host.Contains(':') ? $"[{host}]" : host;
}
