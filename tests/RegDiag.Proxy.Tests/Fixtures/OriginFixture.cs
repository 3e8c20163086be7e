using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Fixtures;

/// <summary>One HTTPS and one plain-http echo origin shared by a test class (they keep no state between requests).</summary>
public sealed class OriginFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("regdiag-origin");
    private TestPki? _pki;

    internal TestPki Pki => _pki!;

    internal EchoOrigin Https { get; private set; } = null!;

    internal EchoOrigin Plain { get; private set; } = null!;

    /// <summary>An HTTPS origin that speaks only HTTP/1.1 (no h2 in its ALPN).</summary>
    internal EchoOrigin Http1Only { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _pki = new TestPki(_directory.Path);
        Https = await EchoOrigin.StartAsync(_pki.IssueServer("origin.test", "other.test"));
        Plain = await EchoOrigin.StartAsync(null);
        Http1Only = await EchoOrigin.StartAsync(_pki.IssueServer("origin.test"), http2: false);
    }

    public async Task DisposeAsync()
    {
        await Https.DisposeAsync();
        await Plain.DisposeAsync();
        await Http1Only.DisposeAsync();
        _pki?.Dispose();
        _directory.Dispose();
    }
}
