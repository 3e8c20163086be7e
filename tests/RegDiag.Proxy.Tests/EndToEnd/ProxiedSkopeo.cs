using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.EndToEnd;

/// <summary>
/// Debian's skopeo with HTTPS_PROXY pointing at the proxy, trusting the proxy's CA through a cert dir (as a
/// user does without root), or trusting nothing extra when no CA is given.
/// </summary>
internal sealed class ProxiedSkopeo
{
    private readonly string _proxyUri;
    private readonly string? _certDirectory;
    private readonly string _authFile;

    public ProxiedSkopeo(string proxyUri, string? trustedCaPem, TempDirectory temp)
    {
        _proxyUri = proxyUri;
        if (trustedCaPem != null)
        {
            _certDirectory = temp.Combine("skopeo-certs");
            Directory.CreateDirectory(_certDirectory);
            File.Copy(trustedCaPem, Path.Combine(_certDirectory, "ca.crt"), overwrite: true);
        }
        _authFile = temp.Combine("skopeo-auth.json");
    }

    public Task<ExternalTool.Result> PushAsync(SharedImage image, string destination) =>
        RunAsync(["copy", "--retry-times", "0", .. CertDirectory("--dest-cert-dir"), $"oci:{image.Directory}:{SharedImage.Tag}", $"docker://{destination}"]);

    public Task<ExternalTool.Result> PullAsync(string source, string ociDirectory) =>
        RunAsync(["copy", "--retry-times", "0", .. CertDirectory("--src-cert-dir"), $"docker://{source}", $"oci:{ociDirectory}:{SharedImage.Tag}"]);

    private string[] CertDirectory(string option) => _certDirectory == null ? [] : [option, _certDirectory];

    private Task<ExternalTool.Result> RunAsync(IEnumerable<string> arguments) =>
        ExternalTool.RunAsync("skopeo", ["--insecure-policy", .. arguments], new Dictionary<string, string?>
        {
            ["HTTPS_PROXY"] = _proxyUri,
            ["HTTP_PROXY"] = _proxyUri,
            ["https_proxy"] = null,
            ["http_proxy"] = null,
            ["NO_PROXY"] = null,
            ["no_proxy"] = null,
            // Keep the user's stored credentials out of the test.
            ["REGISTRY_AUTH_FILE"] = _authFile,
        }, TimeSpan.FromSeconds(60));

    /// <summary>skopeo's last "level=fatal" line: what the user reads.</summary>
    public static string FatalLine(ExternalTool.Result result) =>
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.Contains("level=fatal", StringComparison.Ordinal))
        ?? result.Output;
}
