using RegDiag.Core;

namespace RegDiag.Doctor.Net;

/// <summary>
/// The registry to check: HOST[:PORT], optionally with a scheme. Without a scheme the registry is expected to
/// speak HTTPS, as the Docker client expects of every registry not listed in insecure-registries.
/// </summary>
public sealed record RegistryTarget(string Host, int Port, bool Https, bool SchemeGiven)
{
    public string Scheme => Https ? "https" : "http";

    /// <summary>HOST:PORT as the Docker client names the registry (and as /etc/docker/certs.d names its folder).</summary>
    public string Authority => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public Uri BaseUri => new($"{Scheme}://{Authority}/");

    public static RegistryTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        bool? https = null;
        if (value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            https = true;
            value = value["https://".Length..];
        }
        else if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            https = false;
            value = value["http://".Length..];
        }
        value = value.TrimEnd('/');
        if (value.EndsWith("/v2", StringComparison.Ordinal))
        {
            value = value[..^3];
        }
        if (value.Length == 0 || value.Contains('/') || value.Contains('@'))
        {
            throw new InputException($"'{text}' is not a registry host: expected HOST[:PORT], e.g. registry.example.com or localhost:5000");
        }
        if (!Uri.TryCreate($"scheme://{value}", UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new InputException($"'{text}' is not a registry host: expected HOST[:PORT]");
        }
        var isHttps = https ?? true;
        var port = uri.IsDefaultPort || uri.Port < 0 ? (isHttps ? 443 : 80) : uri.Port;
        var host = uri.Host.Trim('[', ']');
        return new RegistryTarget(host, port, isHttps, https.HasValue);
    }
}
