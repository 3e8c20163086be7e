using RegDiag.Lab.Tests.Support;

namespace RegDiag.Lab.Tests.Logging;

public sealed class RegistryLogTests
{
    [Fact]
    public async Task LogFile_AfterRequests_HasLogrusResponseAndErrorLines()
    {
        var stdout = new StringWriter();
        await using var lab = await TestLab.StartAsync(o => new LabOptions
        {
            RegDiagHome = o.RegDiagHome,
            LogOutput = stdout,
            LogFile = Path.Combine(Path.GetDirectoryName(o.RegDiagHome!)!, "registry.log"),
        });
        (await lab.Client.GetAsync("/v2/")).Dispose();
        (await lab.Client.GetAsync($"/v2/group/app/blobs/{Digests.Sha256([1])}")).Dispose();

        // A request's line is written once its response is complete, which may be just after the client has it.
        var lines = await ReadLinesUntilAsync(lab.Lab.Options.LogFile!, all => all.Any(l => l.Contains("level=error")));
        var completed = Assert.Single(lines, l => l.Contains(" http.request.uri=/v2/ ") && l.Contains("msg=\"response completed\""));
        Assert.Matches("^time=\"[0-9T:.-]+Z\" level=info msg=\"response completed\" ", completed);
        Assert.Contains(" http.request.method=GET ", completed);
        Assert.Contains(" http.response.status=200 ", completed);
        var error = Assert.Single(lines, l => l.Contains("level=error"));
        Assert.Contains("msg=\"response completed with error\" err.code=\"blob unknown\" err.detail=\"sha256:", error);
        Assert.Contains("err.message=\"blob unknown to registry\"", error);
        Assert.Contains("http.response.status=404", error);
        Assert.Contains("vars.name=group/app", error);
        Assert.Equal(lines.Where(l => l.Contains("response completed")), stdout.ToString().Split('\n').Where(l => l.Contains("response completed")).Select(l => l.TrimEnd('\r')));
    }

    private static async Task<string[]> ReadLinesUntilAsync(string path, Func<string[], bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (done(lines) || DateTime.UtcNow > deadline)
            {
                return lines;
            }
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task ConfigYml_DescribesStorageAndAddresses()
    {
        await using var lab = await TestLab.StartAsync();

        var config = await File.ReadAllTextAsync(lab.Lab.ConfigPath);

        Assert.Contains($"  filesystem:\n    rootdirectory: {lab.Lab.DataDirectory}\n", config);
        Assert.Contains($"  addr: \"127.0.0.1:{lab.Lab.RegistryPort}\"", config);
        Assert.Contains($"    addr: \"127.0.0.1:{lab.Lab.DebugPort}\"", config);
        Assert.Equal(Path.Combine(lab.Temp.Path, "home", "lab", "config.yml"), lab.Lab.ConfigPath);
        Assert.True(File.Exists(Path.Combine(lab.Temp.Path, "home", "lab", "ca.pem")));
    }
}
