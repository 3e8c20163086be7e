using RegDiag.Core.Analysis;
using RegDiag.Core.Model;
using RegDiag.Lab;
using RegDiag.Lab.Scenarios;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.EndToEnd;

/// <summary>
/// The classic failure end to end: the registry's S3 identity lacks s3:GetObject, so the presigned HEAD/GET
/// a client follows after the registry's 307 gets 403. skopeo fails as users report it, and the analyzer
/// names the cause with the S3 request and the redirect that led to it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class S3HeadForbiddenEndToEndTests(SharedImage image)
{
    private const string HeadSignatureId = "s3-head-403-after-redirect";
    private const string GetSignatureId = "s3-get-403-after-redirect";

    [Fact]
    public async Task RePushAndPull_S3HeadForbidden_FailAsUsersSeeAndAnalyzerCitesS3RequestAndItsRedirect()
    {
        await using var rig = await LabBehindProxy.StartAsync(LabStorageKind.S3, [LabScenarios.S3HeadForbidden]);
        var skopeo = rig.Skopeo();
        var reference = $"{rig.Registry}/e2e/forbidden:{SharedImage.Tag}";

        // The first push never asks S3 for a blob (the registry answers its HEADs 404), so it succeeds.
        var first = await skopeo.PushAsync(image.Directory, SharedImage.Tag, reference);
        Assert.True(first.ExitCode == 0, first.Output);
        var again = await skopeo.PushAsync(image.Directory, SharedImage.Tag, reference);
        var pull = await skopeo.PullAsync(reference, rig.Temp.Combine("pulled"), SharedImage.Tag);
        var journal = await rig.StopProxyAndReadJournalAsync();

        Assert.NotEqual(0, again.ExitCode);
        var pushSays = SkopeoRunner.FatalLine(again);
        Assert.Contains("trying to reuse blob sha256:", pushSays);
        Assert.Contains("403 (Forbidden)", pushSays);
        Assert.NotEqual(0, pull.ExitCode);
        var pullSays = SkopeoRunner.FatalLine(pull);
        Assert.Contains("reading blob sha256:", pullSays);
        Assert.Contains("invalid status code from registry 403 (Forbidden)", pullSays);

        var analysis = Analyzer.Analyze(journal);
        Assert.True(analysis.HasErrors);
        foreach (var (method, signatureId) in new[] { ("HEAD", HeadSignatureId), ("GET", GetSignatureId) })
        {
            var diagnoses = analysis.Diagnoses.Where(d => d.Id == signatureId).ToList();
            Assert.True(diagnoses.Count > 0, "diagnoses: " + string.Join("; ", analysis.Diagnoses.Select(d => d.Id)));
            // The S3 request that got 403, and the registry's 307 whose Location it followed.
            var denied = journal.First(e => e.Request.Method == method && new Uri(e.Request.Url).Host == LabBehindProxy.S3Hostname
                && e.Response?.Status == 403);
            var redirect = Assert.Single(journal, e => e.Response?.Status == 307 && e.Response.Headers.Get("Location") == denied.Request.Url
                && e.Request.Method == method);
            var evidence = diagnoses.SelectMany(d => d.Evidence).SingleOrDefault(e => e.Exchange == denied.Id);
            Assert.True(evidence != null, $"no {signatureId} evidence cites the S3 {method} #{denied.Id}");
            Assert.Contains(redirect.Id, evidence.Related);
            Assert.StartsWith("403", evidence.Outcome);
            Assert.Contains("s3:GetObject", diagnoses[0].Title + diagnoses[0].Fix);
        }
    }
}
