using System.CommandLine;

namespace RegDiag.Cli.Commands.Doctor;

/// <summary>The arguments and options of `regdiag doctor`.</summary>
internal sealed class DoctorDefinition
{
    public Argument<string?> Host { get; } = new("HOST")
    {
        Description = "The registry, HOST[:PORT] (https:// assumed; prefix http:// for a plain-HTTP registry). May be omitted when only offline checks are asked for (--log, --image, --registry-config).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string?> Image { get; } = new("--image") { Description = "An image reference: checked against distribution's and GitLab's name rules; its repository is the auth scope.", HelpName = "NAME[:TAG]" };
    public Option<string?> GitLabProject { get; } = new("--gitlab-project") { Description = "The GitLab project path of --image (group/subgroup/project): checks that the image is at most two levels below it.", HelpName = "PATH" };
    public Option<string?> CaFile { get; } = new("--ca-file") { Description = "Also trust these CA certificates (PEM), as /etc/docker/certs.d/HOST:PORT/ca.crt does.", HelpName = "FILE" };
    public Option<string?> User { get; } = new("--user", "-u") { Description = "User name for the registry (the token server).", HelpName = "NAME" };
    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the password or access token from standard input." };
    public Option<string?> DebugAddress { get; } = new("--debug-addr") { Description = "The registry's debug server (http.debug.addr), e.g. localhost:5001.", HelpName = "HOST:PORT" };
    public Option<string?> RegistryConfig { get; } = new("--registry-config") { Description = "The registry's config.yml (distribution or GitLab): its storage.s3 section drives the S3 check.", HelpName = "FILE" };
    public Option<string?> S3Bucket { get; } = new("--s3-bucket") { Description = "S3 bucket (overrides storage.s3.bucket).", HelpName = "NAME" };
    public Option<string?> S3Region { get; } = new("--s3-region") { Description = "S3 region (overrides storage.s3.region).", HelpName = "REGION" };
    public Option<string?> S3Endpoint { get; } = new("--s3-endpoint") { Description = "S3 endpoint URL for S3-compatible stores (overrides storage.s3.regionendpoint).", HelpName = "URL" };
    public Option<string?> S3RootDirectory { get; } = new("--s3-root-directory") { Description = "Key prefix the registry uses (overrides storage.s3.rootdirectory).", HelpName = "PATH" };
    public Option<string?> S3AccessKey { get; } = new("--s3-access-key") { Description = "S3 access key id (overrides storage.s3.accesskey).", HelpName = "ID" };
    public Option<bool> S3SecretKeyStdin { get; } = new("--s3-secret-key-stdin") { Description = "Read the S3 secret key from standard input (after the password line when --password-stdin is given too)." };
    public Option<bool?> S3PathStyle { get; } = new("--s3-path-style") { Description = "Address the bucket in the path (forcepathstyle)." };
    public Option<string[]> Logs { get; } = new("--log") { Description = "A registry, GitLab or nginx log file to scan (plain or .gz); repeat for more.", HelpName = "FILE", AllowMultipleArgumentsPerToken = false };
    public Option<string?> ProbePush { get; } = new("--probe-push") { Description = "Push a small random blob and a manifest to this repository, read them back, delete them; also send one --probe-size upload there (then cancelled) and time blob lookups (storage latency).", HelpName = "REPO" };
    public Option<string?> ProbeSize { get; } = new("--probe-size") { Description = "Body size of the large-upload probe (body-size check), sent in one PATCH as Docker sends a layer: default 2M, above nginx's default 1 MiB limit; give your largest layer's size to test every hop's limit.", HelpName = "SIZE" };
    public Option<bool> NoManifest { get; } = new("--probe-no-manifest") { Description = "Probe push: push the blob only, no manifest." };
    public Option<string?> Proxy { get; } = new("--proxy") { Description = "Send the probe push through this HTTP proxy (e.g. regdiag proxy).", HelpName = "URL" };
    public Option<string?> Save { get; } = new("--save") { Description = "Write the probe push's exchanges as a redacted HAR file.", HelpName = "FILE.har" };
    public Option<string?> Report { get; } = new("--report") { Description = "Write a redacted markdown report for a support ticket.", HelpName = "FILE.md" };
    public Option<string[]> Only { get; } = new("--only") { Description = "Run only these checks (comma-separated ids; the checks they depend on run too).", HelpName = "CHECK,…" };
    public Option<string[]> Skip { get; } = new("--skip") { Description = "Do not run these checks (comma-separated ids).", HelpName = "CHECK,…" };
    public Option<bool> Json { get; } = new("--json") { Description = "Print the result as JSON (schema: docs/doctor.md)." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(Host);
        foreach (var option in new Option[]
        {
            Image, GitLabProject, CaFile, User, PasswordStdin, DebugAddress, RegistryConfig, S3Bucket, S3Region, S3Endpoint, S3RootDirectory,
            S3AccessKey, S3SecretKeyStdin, S3PathStyle, Logs, ProbePush, ProbeSize, NoManifest, Proxy, Save, Report, Only, Skip, Json,
        })
        {
            command.Options.Add(option);
        }
    }
}
