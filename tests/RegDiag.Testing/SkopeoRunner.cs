namespace RegDiag.Testing;

/// <summary>
/// Runs Debian's skopeo as a user would: trusting an extra CA through a cert dir (none when not given), through
/// an HTTPS proxy when given one (never a proxy otherwise), with the user's own stored credentials and
/// configuration kept out of the test.
/// </summary>
public sealed class SkopeoRunner
{
    private readonly string? _certDirectory;
    private readonly string? _credentials;
    private readonly string? _proxyUri;
    private readonly string _authFile;

    /// <param name="temp">where the cert dir and an empty auth file live</param>
    /// <param name="trustedCaPem">a CA certificate skopeo trusts for the registry (copied into its cert dir)</param>
    /// <param name="proxyUri">HTTPS_PROXY and HTTP_PROXY for skopeo; null to use no proxy at all</param>
    /// <param name="credentials">USER:PASSWORD for --src-creds/--dest-creds</param>
    public SkopeoRunner(TempDirectory temp, string? trustedCaPem = null, string? proxyUri = null, string? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(temp);
        if (trustedCaPem != null)
        {
            _certDirectory = temp.Combine("skopeo-certs");
            Directory.CreateDirectory(_certDirectory);
            File.Copy(trustedCaPem, Path.Combine(_certDirectory, "ca.crt"), overwrite: true);
        }
        _proxyUri = proxyUri;
        _credentials = credentials;
        _authFile = temp.Combine("skopeo-auth.json");
    }

    /// <summary>The cert dir holding the trusted CA (add more *.crt CAs there), or null when none was given.</summary>
    public string? CertDirectory => _certDirectory;

    /// <summary>skopeo copy oci:DIR:TAG docker://DESTINATION, with debug logging (evidence when it fails).</summary>
    public Task<ExternalTool.Result> PushAsync(string ociDirectory, string tag, string destination, TimeSpan? timeout = null) =>
        RunAsync(["--debug", "copy", "--retry-times", "0", .. Option("--dest-cert-dir", _certDirectory), .. Option("--dest-creds", _credentials),
            $"oci:{ociDirectory}:{tag}", $"docker://{destination}"], timeout);

    /// <summary>skopeo copy docker://SOURCE oci:DIR:TAG.</summary>
    public Task<ExternalTool.Result> PullAsync(string source, string ociDirectory, string tag, TimeSpan? timeout = null) =>
        RunAsync(["copy", "--retry-times", "0", .. Option("--src-cert-dir", _certDirectory), .. Option("--src-creds", _credentials),
            $"docker://{source}", $"oci:{ociDirectory}:{tag}"], timeout);

    /// <summary>Any skopeo command (after --insecure-policy), in this runner's environment.</summary>
    public Task<ExternalTool.Result> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HTTPS_PROXY"] = _proxyUri,
            ["HTTP_PROXY"] = _proxyUri,
            ["https_proxy"] = null,
            ["http_proxy"] = null,
            ["NO_PROXY"] = null,
            ["no_proxy"] = null,
            // Keep the user's stored credentials out of the test.
            ["REGISTRY_AUTH_FILE"] = _authFile,
        };
        // The machine's signature policy is no part of what the tests check.
        return ExternalTool.RunAsync("skopeo", ["--insecure-policy", .. arguments], environment, timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>skopeo's last "level=fatal" line: what the user reads (all of the output when there is none).</summary>
    public static string FatalLine(ExternalTool.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.Contains("level=fatal", StringComparison.Ordinal))
            ?? result.Output;
    }

    private static string[] Option(string name, string? value) => value == null ? [] : [name, value];
}
