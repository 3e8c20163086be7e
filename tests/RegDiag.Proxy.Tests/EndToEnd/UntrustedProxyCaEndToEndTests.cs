using RegDiag.Core.Analysis;
using RegDiag.Core.Model;
using RegDiag.Lab;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.EndToEnd;

/// <summary>
/// A client that was never told to trust the proxy's CA: skopeo refuses the proxy's certificate, the proxy
/// records the rejected handshake, and the analyzer tells the user to install the CA.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UntrustedProxyCaEndToEndTests(SharedImage image)
{
    [Fact]
    public async Task SkopeoWithoutProxyCa_Push_FailsUnknownAuthorityAndAnalyzerPointsToInstallCa()
    {
        await using var rig = await LabBehindProxy.StartAsync(LabStorageKind.Filesystem);

        var push = await rig.Skopeo(trustProxyCa: false).PushAsync(image.Directory, SharedImage.Tag, $"{rig.Registry}/e2e/untrusted:{SharedImage.Tag}");
        var journal = await rig.StopProxyAndReadJournalAsync();

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("x509: certificate signed by unknown authority", SkopeoRunner.FatalLine(push));
        var rejected = journal.Where(e => e.Error?.Kind == ExchangeErrorKind.ClientTlsHandshake).ToList();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, e => Assert.StartsWith(rig.Registry, e.Request.Url));
        // Nothing reached the registry.
        Assert.DoesNotContain(journal, e => e.Response != null);

        var analysis = Analyzer.Analyze(journal);
        var diagnosis = Assert.Single(analysis.Diagnoses);
        Assert.Equal("client-rejected-proxy-certificate", diagnosis.Id);
        Assert.Equal(rejected.Select(e => e.Id).Order(), diagnosis.Evidence.Select(e => e.Exchange).Order());
        Assert.Contains("install-ca.sh", diagnosis.Fix + string.Join(" ", diagnosis.Evidence.Select(e => e.Outcome)));
    }
}
