using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RegDiag.Testing;

namespace RegDiag.Lab.Tests.Support;

/// <summary>A lab on free ports with its own REGDIAG_HOME, and an HttpClient that trusts only the lab CA.</summary>
internal sealed class TestLab : IAsyncDisposable
{
    private TestLab(TempDirectory temp, RunningLab lab, HttpClient client)
    {
        Temp = temp;
        Lab = lab;
        Client = client;
    }

    public TempDirectory Temp { get; }
    public RunningLab Lab { get; }
    public HttpClient Client { get; }

    public static async Task<TestLab> StartAsync(Func<LabOptions, LabOptions>? configure = null, string hostname = "lab.test")
    {
        var temp = new TempDirectory("regdiag-lab");
        var options = new LabOptions { RegDiagHome = temp.Combine("home"), Hostnames = [hostname] };
        options = configure?.Invoke(options) ?? options;
        var lab = await LabHost.StartAsync(options);
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false };
        if (lab.CaCertificatePath != null)
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(lab.CaCertificatePath);
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate != null && chain.Build(certificate);
            };
        }
        var client = new HttpClient(handler) { BaseAddress = lab.RegistryUri, Timeout = TimeSpan.FromSeconds(30) };
        return new TestLab(temp, lab, client);
    }

    /// <summary>Uploads a blob monolithically and returns its digest.</summary>
    public async Task<string> PushBlobAsync(string repository, byte[] content)
    {
        var digest = Digests.Sha256(content);
        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", new ByteArrayContent(content));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return digest;
    }

    /// <summary>Pushes a config and layers, then an OCI manifest under the tag; returns (manifest bytes, digest).</summary>
    public async Task<(byte[] Manifest, string Digest)> PushImageAsync(string repository, string tag, string? subject = null, string? artifactType = null)
    {
        var config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"tag\":\"" + tag + "\"}");
        var layer = Encoding.UTF8.GetBytes("layer of " + repository + ":" + tag);
        var configDigest = await PushBlobAsync(repository, config);
        var layerDigest = await PushBlobAsync(repository, layer);
        var manifest = Manifests.Oci(configDigest, config.Length, [(layerDigest, layer.Length)], subject, artifactType);
        var digest = await PutManifestAsync(repository, tag, manifest, Manifests.OciManifestType);
        return (manifest, digest);
    }

    public async Task<string> PutManifestAsync(string repository, string reference, byte[] manifest, string mediaType)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await Client.PutAsync($"/v2/{repository}/manifests/{reference}", content);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Lab.DisposeAsync();
        Temp.Dispose();
    }
}
