using System.Text;
using RegDiag.Lab.Storage;

namespace RegDiag.Lab.Tests.Storage;

/// <summary>
/// The contract every storage driver keeps (distribution's storage/driver/testsuites): subclass it with a
/// factory for the driver under test. Each test gets a fresh driver from <see cref="CreateDriverAsync"/> and
/// works under its own root prefix, so a shared backend (a bucket) can serve all of them.
/// </summary>
public abstract class StorageDriverConformanceTests : IAsyncLifetime
{
    private IStorageDriver? _driver;

    /// <summary>A driver on empty storage (or storage where <see cref="Root"/> is unused).</summary>
    internal abstract Task<IStorageDriver> CreateDriverAsync();

    /// <summary>Releases what the factory created; called after each test.</summary>
    protected virtual Task CleanupAsync() => Task.CompletedTask;

    internal IStorageDriver Driver => _driver ?? throw new InvalidOperationException("driver not created");

    /// <summary>A unique prefix per test so tests never see each other's paths.</summary>
    protected string Root { get; } = "/conformance-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync() => _driver = await CreateDriverAsync();

    public async Task DisposeAsync() => await CleanupAsync();

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task PutContent_ThenGetContent_ReturnsSameBytes()
    {
        await Driver.PutContentAsync(Root + "/a/b/file", Bytes("content"), default);

        Assert.Equal(Bytes("content"), await Driver.GetContentAsync(Root + "/a/b/file", default));
    }

    [Fact]
    public async Task PutContent_Twice_Overwrites()
    {
        await Driver.PutContentAsync(Root + "/file", Bytes("first, longer"), default);
        await Driver.PutContentAsync(Root + "/file", Bytes("second"), default);

        Assert.Equal(Bytes("second"), await Driver.GetContentAsync(Root + "/file", default));
    }

    [Fact]
    public async Task GetContent_MissingPath_ThrowsPathNotFound()
    {
        var error = await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.GetContentAsync(Root + "/missing", default));

        Assert.Equal(Root + "/missing", error.Path);
    }

    [Fact]
    public async Task Stat_FileAndDirectory_ReportSizeAndKind()
    {
        await Driver.PutContentAsync(Root + "/dir/file", Bytes("12345"), default);

        var file = await Driver.StatAsync(Root + "/dir/file", default);
        var directory = await Driver.StatAsync(Root + "/dir", default);

        Assert.Equal(5, file.Size);
        Assert.False(file.IsDirectory);
        Assert.True(directory.IsDirectory);
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync(Root + "/nothing", default));
    }

    [Fact]
    public async Task List_ReturnsDirectChildrenAsFullPaths()
    {
        await Driver.PutContentAsync(Root + "/list/a", Bytes("a"), default);
        await Driver.PutContentAsync(Root + "/list/sub/deep/b", Bytes("b"), default);
        await Driver.PutContentAsync(Root + "/list/sub/c", Bytes("c"), default);

        var children = await Driver.ListAsync(Root + "/list", default);

        Assert.Equal([Root + "/list/a", Root + "/list/sub"], children.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.ListAsync(Root + "/nolist", default));
    }

    [Fact]
    public async Task Reader_FromOffset_ReadsTheRest()
    {
        await Driver.PutContentAsync(Root + "/read", Bytes("0123456789"), default);

        await using var reader = await Driver.ReaderAsync(Root + "/read", 4, default);
        using var text = new StreamReader(reader);

        Assert.Equal("456789", await text.ReadToEndAsync());
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.ReaderAsync(Root + "/noread", 0, default));
    }

    [Fact]
    public async Task Writer_AppendAcrossWriters_AccumulatesAndReportsSize()
    {
        var path = Root + "/upload/data";
        await using (var writer = await Driver.WriterAsync(path, append: false, default))
        {
            await writer.WriteAsync(new MemoryStream(Bytes("hello ")), default);
            Assert.Equal(6, writer.Size);
        }
        await using (var writer = await Driver.WriterAsync(path, append: true, default))
        {
            Assert.Equal(6, writer.Size);
            await writer.WriteAsync(new MemoryStream(Bytes("world")), default);
            Assert.Equal(11, writer.Size);
            await writer.CommitAsync(default);
        }

        Assert.Equal(Bytes("hello world"), await Driver.GetContentAsync(path, default));
    }

    [Fact]
    public async Task Writer_Cancel_RemovesWhatWasWritten()
    {
        var path = Root + "/cancelled/data";
        await using (var writer = await Driver.WriterAsync(path, append: false, default))
        {
            await writer.WriteAsync(new MemoryStream(Bytes("discard me")), default);
            await writer.CancelAsync(default);
        }

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.GetContentAsync(path, default));
    }

    [Fact]
    public async Task Writer_LargeContentInSeveralAppends_IsIntact()
    {
        var path = Root + "/large/data";
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(content);
        var offset = 0;
        foreach (var size in new[] { 1024 * 1024 + 5, 2 * 1024 * 1024, 12 })
        {
            await using var writer = await Driver.WriterAsync(path, append: offset > 0, default);
            await writer.WriteAsync(new MemoryStream(content, offset, size), default);
            offset += size;
            if (offset == content.Length)
            {
                await writer.CommitAsync(default);
            }
        }

        Assert.Equal(content, await Driver.GetContentAsync(path, default));
    }

    [Fact]
    public async Task Move_RenamesAndOverwritesDestination()
    {
        await Driver.PutContentAsync(Root + "/from/data", Bytes("moved"), default);
        await Driver.PutContentAsync(Root + "/to/data", Bytes("old"), default);

        await Driver.MoveAsync(Root + "/from/data", Root + "/to/data", default);

        Assert.Equal(Bytes("moved"), await Driver.GetContentAsync(Root + "/to/data", default));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.GetContentAsync(Root + "/from/data", default));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.MoveAsync(Root + "/from/data", Root + "/x", default));
    }

    [Fact]
    public async Task Delete_Directory_RemovesEverythingUnderIt()
    {
        await Driver.PutContentAsync(Root + "/tree/a", Bytes("a"), default);
        await Driver.PutContentAsync(Root + "/tree/sub/b", Bytes("b"), default);
        await Driver.PutContentAsync(Root + "/treehouse", Bytes("sibling"), default);

        await Driver.DeleteAsync(Root + "/tree", default);

        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.StatAsync(Root + "/tree/sub/b", default));
        Assert.Equal(Bytes("sibling"), await Driver.GetContentAsync(Root + "/treehouse", default));
        await Assert.ThrowsAsync<PathNotFoundException>(() => Driver.DeleteAsync(Root + "/tree", default));
    }
}
