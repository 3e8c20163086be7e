using RegDiag.Core.Text;
using RegDiag.Lab;

namespace RegDiag.Cli.Commands.Lab;

/// <summary>What `regdiag lab` prints at start: where it is, how to trust it, how to log in, what to paste.</summary>
internal sealed class LabBanner(AnsiStyle style)
{
    public void Write(TextWriter output, RunningLab lab)
    {
        var host = lab.RegistryHost;
        output.WriteLine(style.Bold("RegDiag lab registry is running") + style.Dim(" (Ctrl-C to stop)"));
        output.WriteLine($"  registry   {lab.RegistryUri}");
        foreach (var name in lab.Options.Hostnames)
        {
            output.WriteLine($"             {lab.RegistryUriFor(name)}");
        }
        output.WriteLine($"  debug      {lab.DebugUri}debug/health  {lab.DebugUri}debug/vars  {lab.DebugUri}metrics");
        if (lab.CaCertificatePath != null)
        {
            output.WriteLine($"  CA         {lab.CaCertificatePath}");
        }
        output.WriteLine($"  config     {lab.ConfigPath}");
        output.WriteLine($"  storage    {(lab.DataDirectory != null ? "filesystem " + lab.DataDirectory : lab.Options.Storage.ToString())}");
        if (lab.S3Endpoint is { } s3)
        {
            output.WriteLine($"  s3         {s3.Endpoint} bucket {s3.Bucket}, region {s3.Region}, access key {s3.AccessKey} (secret in config)");
            output.WriteLine($"             blobs {(lab.Options.NoRedirect ? "served by the registry (--no-redirect)" : "redirected (307) to presigned URLs; clients must trust the CA for this host too")}");
        }
        if (lab.Options.Auth == LabAuthMode.Token)
        {
            output.WriteLine($"  auth       token (realm {lab.RegistryUri}auth/token)");
            foreach (var user in lab.Users)
            {
                output.WriteLine($"  user       {user.Name}:{user.Password}");
            }
        }
        else
        {
            output.WriteLine("  auth       none (anonymous)");
        }
        output.WriteLine($"  scenarios  {(lab.Scenarios.Names.Count == 0 ? "none" : string.Join(", ", lab.Scenarios.Names.Order(StringComparer.Ordinal)))}");
        output.WriteLine();

        var creds = lab.Options.Auth == LabAuthMode.Token && lab.Users.Count > 0
            ? $" --dest-creds {lab.Users[0].Name}:{lab.Users[0].Password}" : "";
        var srcCreds = creds.Replace("--dest-creds", "--src-creds", StringComparison.Ordinal);
        var tls = lab.CertDirectory != null ? $" --dest-cert-dir {lab.CertDirectory}" : " --dest-tls-verify=false";
        var srcTls = lab.CertDirectory != null ? $" --src-cert-dir {lab.CertDirectory}" : " --src-tls-verify=false";
        output.WriteLine(style.Bold("Push and pull with skopeo:"));
        output.WriteLine($"  skopeo copy{tls}{creds} docker://docker.io/library/alpine:latest docker://{host}/demo/alpine:latest");
        output.WriteLine($"  skopeo copy{srcTls}{srcCreds} docker://{host}/demo/alpine:latest oci:/tmp/alpine:latest");
        output.WriteLine(style.Bold("With docker:"));
        if (lab.CaCertificatePath != null)
        {
            output.WriteLine($"  sudo mkdir -p /etc/docker/certs.d/{host} && sudo cp {lab.CaCertificatePath} /etc/docker/certs.d/{host}/ca.crt");
        }
        else
        {
            output.WriteLine($"  add \"{host}\" to \"insecure-registries\" in /etc/docker/daemon.json (plain HTTP)");
        }
        if (lab.Options.Auth == LabAuthMode.Token && lab.Users.Count > 0)
        {
            output.WriteLine($"  docker login {host} -u {lab.Users[0].Name} -p {lab.Users[0].Password}");
        }
        output.WriteLine($"  docker pull alpine && docker tag alpine {host}/demo/alpine && docker push {host}/demo/alpine");
        output.WriteLine();
    }
}
