using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.EndToEnd;

/// <summary>One small three-layer OCI image (oci:DIR:v1) that every end-to-end test pushes.</summary>
public sealed class SharedImage : IDisposable
{
    public const string Tag = "v1";

    private readonly TempDirectory _directory = new("regdiag-e2e-image");

    public SharedImage()
    {
        Image = OciImageLayout.Write(Directory, Tag, 24_000, 24_000, 24_000);
    }

    public string Directory => _directory.Combine("oci");

    internal OciImageLayout.Image Image { get; }

    /// <summary>Every blob of the image: layers, then the config.</summary>
    internal IEnumerable<string> Blobs => Image.LayerDigests.Append(Image.ConfigDigest);

    public void Dispose() => _directory.Dispose();
}
