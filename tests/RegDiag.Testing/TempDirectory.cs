namespace RegDiag.Testing;

/// <summary>A directory under /tmp removed when disposed; tests use it as REGDIAG_HOME, data dirs and output.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "regdiag-test")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file; the OS cleans /tmp eventually.
        }
    }
}
