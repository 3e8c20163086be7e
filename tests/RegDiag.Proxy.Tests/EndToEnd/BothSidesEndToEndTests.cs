using RegDiag.Core.Analysis;
using RegDiag.Core.Correlation;
using RegDiag.Core.Decoding;
using RegDiag.Core.Model;
using RegDiag.Lab;
using RegDiag.Lab.Scenarios;
using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.EndToEnd;

/// <summary>
/// Both sides of the registry in one timeline: skopeo talks to Debian's docker-registry through the proxy,
/// and the registry's own S3 calls (to the lab's S3 endpoint) go through the same proxy. In a fault scenario
/// the client only sees 500, and the analyzer explains it by the registry's failing S3 call.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BothSidesEndToEndTests(SharedImage image)
{
    /// <param name="scenario">bad-credentials: config.yml carries a secret key S3 does not accept; s3-put-forbidden: the store's policy denies PutObject.</param>
    [Theory]
    [InlineData(LabScenarios.BadCredentials, "SignatureDoesNotMatch", "s3-signature-mismatch",
        "at destination: failed to read from destination repository e2e/both: 500 (Internal Server Error)")]
    [InlineData(LabScenarios.S3PutForbidden, "AccessDenied", "s3-access-denied-write",
        "writing blob: initiating layer upload to /v2/e2e/both/blobs/uploads/ in registry.test:")]
    public async Task DockerRegistryOnFailingS3_PushThroughProxy_Client500LinkedToRegistrysFailingS3Call(
        string scenario, string s3Code, string storageDiagnosis, string skopeoSays)
    {
        await using var sides = await BothSides.StartAsync(scenario);

        var push = await sides.Rig.Skopeo().PushAsync(image.Directory, SharedImage.Tag, $"{sides.Registry.Authority}/e2e/both:{SharedImage.Tag}");
        var journal = await sides.Rig.StopProxyAndReadJournalAsync();

        Assert.NotEqual(0, push.ExitCode);
        var says = SkopeoRunner.FatalLine(push);
        Assert.Contains(skopeoSays, says);
        Assert.Matches("500 (\\(Internal Server Error\\)|Internal Server Error)", says);
        // The registry's side is in the journal: its signed (not presigned) calls to s3.test, one of them refused.
        var registrySide = journal.Where(e => new Uri(e.Request.Url).Host == LabBehindProxy.S3Hostname).ToList();
        Assert.True(registrySide.Count > 0, "no storage call of the registry went through the proxy: " + sides.Registry.Output);
        Assert.All(registrySide, e => Assert.StartsWith("AWS4-HMAC-SHA256 ", e.Request.Headers.Get("Authorization")));
        Assert.Contains(registrySide, e => e.Response?.Status == 403 && e.Response.Body.Text?.Contains($"<Code>{s3Code}</Code>") == true);
        Assert.Contains(s3Code, sides.Registry.Output);

        var analysis = Analyzer.Analyze(journal);
        var client500 = analysis.Exchanges.FirstOrDefault(e => e.Classification.Kind == HostKind.Registry && e.Status == 500);
        Assert.True(client500 != null, "the client got no 500: " + Describe(journal));
        Assert.Equal(DistributionOnLabS3BehindProxy.Hostname, new Uri(client500.Exchange.Request.Url).Host);
        var cause = client500.StorageCalls.Select(i => analysis.Exchanges[i]).FirstOrDefault(c => c.Classification.StorageError?.Code == s3Code);
        Assert.True(cause != null, $"no {s3Code} storage call linked to {client500}: " + Describe(journal));
        Assert.Equal(client500.Index, cause.ServedRequest);

        var diagnosis = analysis.Diagnoses.SingleOrDefault(d => d.Id == "registry-error-storage-behind"
            && d.Evidence.Any(e => e.Exchange == client500.Exchange.Id));
        Assert.True(diagnosis != null, "diagnoses: " + string.Join("; ", analysis.Diagnoses.Select(d => $"{d.Id}: {d.Title}")));
        Assert.Contains(s3Code, diagnosis.Title + diagnosis.Cause);
        Assert.Contains(cause.Exchange.Id, diagnosis.Evidence.Single(e => e.Exchange == client500.Exchange.Id).Related);
        Assert.Contains(analysis.Diagnoses, d => d.Id == storageDiagnosis && d.Evidence.Any(e => e.Exchange == cause.Exchange.Id));
        // The registry's own 404 NoSuchKey on the link of a blob it does not have yet is its "do I have it?".
        Assert.DoesNotContain(analysis.Diagnoses, d => d.Id == "s3-no-such-key");
    }

    [Fact]
    public async Task DockerRegistryOnHealthyS3_PushAndPullThroughProxy_BothSidesJournalledAndAnalysedClean()
    {
        await using var sides = await BothSides.StartAsync(scenario: null);
        var skopeo = sides.Rig.Skopeo();
        var reference = $"{sides.Registry.Authority}/e2e/both:{SharedImage.Tag}";
        var pulled = sides.Rig.Temp.Combine("pulled");

        var push = await skopeo.PushAsync(image.Directory, SharedImage.Tag, reference);
        Assert.True(push.ExitCode == 0, push.Output + sides.Registry.Output);
        var pull = await skopeo.PullAsync(reference, pulled, SharedImage.Tag);
        Assert.True(pull.ExitCode == 0, pull.Output + sides.Registry.Output);
        var journal = await sides.Rig.StopProxyAndReadJournalAsync();

        Assert.Equal(image.Image.ManifestDigest, OciImageLayout.ManifestDigest(pulled, SharedImage.Tag));
        var analysis = Analyzer.Analyze(journal);
        // The registry's own calls (signed with its key) and the client's presigned GETs after its 307s.
        var storage = analysis.Exchanges.Where(e => e.Classification.Kind == HostKind.Storage).ToList();
        Assert.Contains(storage, e => e.Classification.Storage?.Auth == StorageAuth.PresignedQuery && e.RedirectedFrom != null);
        var registryCalls = storage.Where(e => e.Classification.Storage?.Auth != StorageAuth.PresignedQuery).ToList();
        Assert.NotEmpty(registryCalls);
        Assert.Contains(registryCalls, e => e.Exchange.Request.Method == "PUT");
        Assert.True(registryCalls.Count(e => e.ServedRequest != null) * 2 >= registryCalls.Count,
            $"only {registryCalls.Count(e => e.ServedRequest != null)} of {registryCalls.Count} registry storage calls were linked to a client request");
        // A healthy capture with both sides holds no error: the registry's own 404s (links of blobs not yet
        // pushed) are how distribution asks "do I have it?", not missing data.
        Assert.False(analysis.HasErrors, string.Join("\n", analysis.Diagnoses.Select(d =>
            $"{d.Severity} {d.Id}: {d.Title} (#{string.Join(", #", d.Evidence.Select(e => e.Exchange))})")));
        Assert.DoesNotContain(analysis.Diagnoses, d => d.Id == "s3-no-such-key");
        Assert.Contains(analysis.Operations, o => o.Kind == OperationKind.Push && o.Outcome == OperationOutcome.Succeeded);
        Assert.Contains(analysis.Operations, o => o.Kind == OperationKind.Pull && o.Outcome == OperationOutcome.Succeeded);
    }

    private static string Describe(IEnumerable<Exchange> journal) =>
        string.Join("; ", journal.Select(e => $"#{e.Id} {e.Request.Method} {e.Request.Url} {e.Response?.Status}"));

    /// <summary>The lab (S3 store only), the proxy, and docker-registry on the lab's store behind the proxy.</summary>
    private sealed class BothSides : IAsyncDisposable
    {
        private readonly TempDirectory _pkiDirectory;
        private readonly TestPki _pki;

        private BothSides(TempDirectory pkiDirectory, TestPki pki, LabBehindProxy rig, DistributionOnLabS3BehindProxy registry)
        {
            _pkiDirectory = pkiDirectory;
            _pki = pki;
            Rig = rig;
            Registry = registry;
        }

        public LabBehindProxy Rig { get; }

        public DistributionOnLabS3BehindProxy Registry { get; }

        public static async Task<BothSides> StartAsync(string? scenario)
        {
            var pkiDirectory = new TempDirectory("regdiag-e2e-pki");
            var pki = new TestPki(pkiDirectory.Path);
            var rig = await LabBehindProxy.StartAsync(LabStorageKind.S3, scenario == null ? [] : [scenario], [pki.CaPath]);
            var registry = await DistributionOnLabS3BehindProxy.StartAsync(
                rig.Lab, rig.Proxy.Server.ProxyUri, rig.Proxy.Server.CaCertificatePath, pki, rig.Temp);
            return new BothSides(pkiDirectory, pki, rig, registry);
        }

        public async ValueTask DisposeAsync()
        {
            Registry.Dispose();
            await Rig.DisposeAsync();
            _pki.Dispose();
            _pkiDirectory.Dispose();
        }
    }
}
