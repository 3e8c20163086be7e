using System.Text.RegularExpressions;
using RegDiag.Core.Analysis;
using RegDiag.Core.Correlation;
using RegDiag.Core.Decoding;
using RegDiag.Core.Model;
using RegDiag.Lab;
using RegDiag.Proxy.Tests.Fixtures;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.EndToEnd;

/// <summary>
/// The healthy path end to end: skopeo pushes and pulls a multi-layer image to the lab through the proxy,
/// with filesystem and with S3 storage; the journal holds every exchange and the analyzer finds nothing wrong.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class SkopeoThroughProxyToLabTests(SharedImage image)
{
    private const string Repository = "e2e/group/app";

    [Theory]
    [InlineData(LabStorageKind.Filesystem)]
    [InlineData(LabStorageKind.S3)]
    public async Task SkopeoPushAndPull_ThroughProxyToLab_DigestsIntactEveryExchangeJournalledAndAnalysedClean(LabStorageKind storage)
    {
        await using var rig = await LabBehindProxy.StartAsync(storage);
        var skopeo = rig.Skopeo();
        var reference = $"{rig.Registry}/{Repository}:{SharedImage.Tag}";
        var pulled = rig.Temp.Combine("pulled");

        var push = await skopeo.PushAsync(image.Directory, SharedImage.Tag, reference);
        Assert.True(push.ExitCode == 0, push.Output);
        var pull = await skopeo.PullAsync(reference, pulled, SharedImage.Tag);
        Assert.True(pull.ExitCode == 0, pull.Output);
        var journal = await rig.StopProxyAndReadJournalAsync();
        var labLog = await rig.StopLabAndReadLogAsync();

        // Digests intact: the pulled layout names the pushed manifest, and every blob came back byte for byte.
        Assert.Equal(image.Image.ManifestDigest, OciImageLayout.ManifestDigest(pulled, SharedImage.Tag));
        foreach (var digest in image.Blobs)
        {
            var file = Path.Combine(pulled, "blobs", "sha256", digest["sha256:".Length..]);
            Assert.True(File.Exists(file), $"{digest} missing after the pull");
            Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))));
        }
        // The journal saw each blob go up (request body) and come down (response body) with that digest.
        Assert.All(journal, e => Assert.Null(e.Error));
        foreach (var digest in image.Blobs)
        {
            Assert.Contains(journal, e => e.Request.Body.Sha256 == digest);
            Assert.Contains(journal, e => e.Response?.Status == 200 && e.Response.Body.Sha256 == digest);
        }

        // Every request the lab registry answered is in the journal, and nothing else was sent to it.
        var registryExchanges = journal.Where(e => new Uri(e.Request.Url).Host == LabBehindProxy.LabHostname).ToList();
        Assert.Equal(
            LabLogRequests(labLog).Order(StringComparer.Ordinal),
            registryExchanges.Select(e => $"{e.Request.Method} {new Uri(e.Request.Url).PathAndQuery}").Order(StringComparer.Ordinal));
        var redirects = registryExchanges.Where(e => e.Response?.Status == 307).ToList();
        if (storage == LabStorageKind.S3)
        {
            // Blob HEAD (re-check) and GET (pull) are 307s to presigned S3 URLs, each followed through the proxy.
            Assert.Contains(redirects, e => e.Request.Method == "GET");
            foreach (var redirect in redirects)
            {
                var location = redirect.Response!.Headers.Get("Location");
                Assert.NotNull(location);
                Assert.Equal(LabBehindProxy.S3Hostname, new Uri(location).Host);
                Assert.Contains("X-Amz-Signature=", location);
                var followed = journal.SingleOrDefault(e => e.Request.Url == location && e.Request.Method == redirect.Request.Method);
                Assert.True(followed != null, $"the redirect of {redirect.Request.Method} {redirect.Request.Url} was not followed through the proxy");
                Assert.Equal(200, followed.Response?.Status);
                Assert.True(followed.Timings.Started >= redirect.Timings.Started);
            }
            foreach (var layer in image.Image.LayerDigests)
            {
                Assert.Contains(journal, e => new Uri(e.Request.Url).Host == LabBehindProxy.S3Hostname && e.Request.Method == "GET"
                    && e.Response?.Body.Sha256 == layer);
            }
        }
        else
        {
            Assert.Empty(redirects);
            Assert.DoesNotContain(journal, e => new Uri(e.Request.Url).Host != LabBehindProxy.LabHostname);
        }

        var analysis = Analyzer.Analyze(journal);
        Assert.False(analysis.HasErrors, string.Join("\n", analysis.Diagnoses.Select(d => $"{d.Severity} {d.Id}: {d.Title}")));
        var pushOperation = Assert.Single(analysis.Operations, o => o.Kind == OperationKind.Push);
        var pullOperation = Assert.Single(analysis.Operations, o => o.Kind == OperationKind.Pull);
        foreach (var operation in new[] { pushOperation, pullOperation })
        {
            Assert.Equal(Repository, operation.Repository);
            Assert.Equal(OperationOutcome.Succeeded, operation.Outcome);
        }
        Assert.Equal(SharedImage.Tag, pushOperation.Reference);
        Assert.Equal(image.Blobs.Order(), pushOperation.Layers.Select(l => l.Digest).Order());
        if (storage == LabStorageKind.S3)
        {
            var storageExchanges = analysis.Exchanges.Where(e => e.Classification.Kind == HostKind.Storage).ToList();
            Assert.NotEmpty(storageExchanges);
            Assert.All(storageExchanges, e => Assert.NotNull(e.RedirectedFrom));
        }
    }

    /// <summary>"METHOD /path?query" of each request the lab logged as completed.</summary>
    private static IEnumerable<string> LabLogRequests(string log) =>
        log.Split('\n').Where(l => l.Contains("msg=\"response completed\" ", StringComparison.Ordinal)).Select(l =>
            $"{LogField().Match(l).Groups["method"].Value} {Unquote(UriField().Match(l).Groups["uri"].Value)}");

    private static string Unquote(string value) =>
        value.StartsWith('"') ? Regex.Unescape(value[1..^1]) : value;

    [GeneratedRegex(@"http\.request\.method=(?<method>\S+)")]
    private static partial Regex LogField();

    [GeneratedRegex(@"http\.request\.uri=(?<uri>""(?:[^""\\]|\\.)*""|\S+)")]
    private static partial Regex UriField();
}
