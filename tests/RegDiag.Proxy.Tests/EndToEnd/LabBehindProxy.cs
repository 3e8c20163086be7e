using RegDiag.Core.Model;
using RegDiag.Lab;
using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.EndToEnd;

/// <summary>
/// The lab as lab.test (S3 presigned URLs on s3.test: Go never proxies loopback), an in-process proxy
/// trusting the lab's CA (and any other given CA) upstream and journalling into this rig's directory, and
/// skopeo through that proxy.
/// </summary>
internal sealed class LabBehindProxy : IAsyncDisposable
{
    public const string LabHostname = "lab.test";
    public const string S3Hostname = "s3.test";

    private readonly StringWriter _labLog;

    private LabBehindProxy(TempDirectory temp, RunningLab lab, StringWriter labLog, ProxyHarness proxy, string journalPath)
    {
        Temp = temp;
        Lab = lab;
        _labLog = labLog;
        Proxy = proxy;
        JournalPath = journalPath;
    }

    public TempDirectory Temp { get; }

    public RunningLab Lab { get; }

    public ProxyHarness Proxy { get; }

    public string JournalPath { get; }

    /// <summary>lab.test:PORT, as image references name the lab.</summary>
    public string Registry => $"{LabHostname}:{Lab.RegistryPort}";

    public static async Task<LabBehindProxy> StartAsync(
        LabStorageKind storage, IReadOnlyList<string>? scenarios = null, IReadOnlyList<string>? extraUpstreamCas = null)
    {
        var temp = new TempDirectory("regdiag-e2e");
        var labLog = new StringWriter();
        var lab = await LabHost.StartAsync(new LabOptions
        {
            RegDiagHome = temp.Combine("lab-home"),
            Hostnames = [LabHostname],
            S3Hostname = S3Hostname,
            Storage = storage,
            Scenarios = scenarios ?? [],
            LogOutput = labLog,
        });
        var journal = temp.Combine("journal.jsonl");
        var proxy = await ProxyHarness.StartAsync(o => o with
        {
            JournalPath = journal,
            UpstreamCaFiles = [lab.CaCertificatePath!, .. extraUpstreamCas ?? []],
        });
        return new LabBehindProxy(temp, lab, labLog, proxy, journal);
    }

    /// <summary>skopeo through the proxy, trusting the proxy's CA (or, with trustProxyCa false, not).</summary>
    public SkopeoRunner Skopeo(bool trustProxyCa = true) =>
        new(Temp, trustProxyCa ? Proxy.Server.CaCertificatePath : null, Proxy.Server.ProxyUri);

    /// <summary>Stops the proxy (exchanges in flight finish and are written) and reads its journal.</summary>
    public async Task<IReadOnlyList<Exchange>> StopProxyAndReadJournalAsync()
    {
        await Proxy.Server.DisposeAsync();
        return [.. Core.Journal.JournalReader.Read(JournalPath)];
    }

    /// <summary>The lab registry's log: one "response completed" line per request it answered.</summary>
    public async Task<string> StopLabAndReadLogAsync()
    {
        await Lab.DisposeAsync();
        return _labLog.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Lab.DisposeAsync();
        Temp.Dispose();
    }
}
