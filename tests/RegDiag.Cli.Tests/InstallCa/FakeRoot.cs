using System.Security.Cryptography;
using RegDiag.Testing;

namespace RegDiag.Cli.Tests.InstallCa;

/// <summary>
/// A directory standing in for / (install-ca.sh --root), optionally laid out like a Debian trust store
/// and brought up to date by the real update-ca-certificates, and a way to capture its whole state.
/// </summary>
internal sealed class FakeRoot : IDisposable
{
    private readonly TempDirectory _directory = new("regdiag-install-ca");

    public string Path => _directory.Combine("root");

    public string Work => _directory.Path;

    public string Bundle => At("/etc/ssl/certs/ca-certificates.crt");

    public FakeRoot()
    {
        Directory.CreateDirectory(Path);
    }

    /// <summary>The absolute path of PATH (as seen inside the root).</summary>
    public string At(string path) => System.IO.Path.Combine(Path, path.TrimStart('/'));

    public string WriteWork(string name, string content)
    {
        var path = _directory.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Write(string path, string content)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(At(path))!);
        File.WriteAllText(At(path), content);
    }

    /// <summary>Debian's layout with one distribution CA, and the bundle built from it as dpkg would.</summary>
    public async Task AddDebianTrustStoreAsync()
    {
        foreach (var dir in new[] { "/etc/ssl/certs", "/usr/share/ca-certificates/distro",
                     "/usr/local/share/ca-certificates", "/etc/ca-certificates/update.d" })
        {
            Directory.CreateDirectory(At(dir));
        }
        Write("/usr/share/ca-certificates/distro/Distro_Root.crt", TestCertificates.Create().CaPem);
        Write("/etc/ca-certificates.conf", "distro/Distro_Root.crt\n");
        var result = await ExternalTool.RunAsync("update-ca-certificates",
        [
            "--certsconf", At("/etc/ca-certificates.conf"), "--certsdir", At("/usr/share/ca-certificates"),
            "--localcertsdir", At("/usr/local/share/ca-certificates"), "--etccertsdir", At("/etc/ssl/certs"),
            "--hooksdir", At("/etc/ca-certificates/update.d"),
        ]);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(File.Exists(Bundle), "update-ca-certificates wrote no bundle: " + result.Output);
    }

    /// <summary>Every entry under the root: kind, link target or content hash, and mode.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(Path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var relative = "/" + System.IO.Path.GetRelativePath(Path, entry.FullName);
            var mode = File.GetUnixFileMode(entry.FullName);
            entries[relative] = entry switch
            {
                _ when entry.LinkTarget != null => "link -> " + entry.LinkTarget,
                DirectoryInfo => $"dir {mode}",
                _ => $"file {mode} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullName)))}",
            };
        }
        return entries;
    }

    public void Dispose() => _directory.Dispose();
}
