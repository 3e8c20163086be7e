using RegDiag.Lab.Storage;
using RegDiag.Testing;

namespace RegDiag.Lab.Tests.Storage;

public sealed class FilesystemDriverConformanceTests : StorageDriverConformanceTests
{
    private readonly TempDirectory _root = new("regdiag-fs-driver");

    internal override Task<IStorageDriver> CreateDriverAsync() => Task.FromResult<IStorageDriver>(new FilesystemDriver(_root.Path));

    protected override Task CleanupAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Path_WithDotDot_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Driver.GetContentAsync("/a/../../etc/passwd", default));
    }
}
