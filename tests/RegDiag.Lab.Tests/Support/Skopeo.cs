using RegDiag.Testing;

namespace RegDiag.Lab.Tests.Support;

/// <summary>Runs Debian's skopeo against a lab, trusting the lab CA through a cert dir.</summary>
internal sealed class Skopeo
{
    private readonly string _certDirectory;
    private readonly string? _credentials;
    private readonly string _authFile;

    public Skopeo(RunningLab lab, TempDirectory temp, string? credentials = null)
    {
        _certDirectory = temp.Combine("certs");
        Directory.CreateDirectory(_certDirectory);
        if (lab.CaCertificatePath != null)
        {
            File.Copy(lab.CaCertificatePath, Path.Combine(_certDirectory, "ca.crt"), overwrite: true);
        }
        _credentials = credentials;
        _authFile = temp.Combine("auth.json");
    }

    public Task<ExternalTool.Result> PushAsync(string ociDirectory, string tag, string destination)
    {
        var args = new List<string> { "--debug", "copy", "--retry-times", "0", "--dest-cert-dir", _certDirectory };
        if (_credentials != null)
        {
            args.AddRange(["--dest-creds", _credentials]);
        }
        args.AddRange([$"oci:{ociDirectory}:{tag}", $"docker://{destination}"]);
        return RunAsync(args);
    }

    public Task<ExternalTool.Result> PullAsync(string source, string ociDirectory, string tag)
    {
        var args = new List<string> { "copy", "--retry-times", "0", "--src-cert-dir", _certDirectory };
        if (_credentials != null)
        {
            args.AddRange(["--src-creds", _credentials]);
        }
        args.AddRange([$"docker://{source}", $"oci:{ociDirectory}:{tag}"]);
        return RunAsync(args);
    }

    private Task<ExternalTool.Result> RunAsync(IEnumerable<string> args) =>
        ExternalTool.RunAsync("skopeo", args, new Dictionary<string, string?>
        {
            // Keep user configuration (auth files, registries.conf overrides) out of the test.
            ["REGISTRY_AUTH_FILE"] = _authFile,
            ["HTTPS_PROXY"] = null,
            ["HTTP_PROXY"] = null,
            ["https_proxy"] = null,
            ["http_proxy"] = null,
        }, TimeSpan.FromSeconds(60));
}
