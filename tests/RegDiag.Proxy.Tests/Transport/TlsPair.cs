using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RegDiag.Proxy.Connect;
using RegDiag.Testing;

namespace RegDiag.Proxy.Tests.Transport;

/// <summary>
/// A real TLS session between two SslStreams over in-memory pipes, the server side on a
/// <see cref="DuplexPipeStream"/> as in the proxy's tunnels. Flushes towards the client are counted.
/// </summary>
internal sealed class TlsPair : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly TestPki _pki;

    private TlsPair(TempDirectory directory, TestPki pki, SslStream server, DuplexPipeStream serverTransport, SslStream client, CountingPipeWriter toClient)
    {
        _directory = directory;
        _pki = pki;
        Server = server;
        ServerTransport = serverTransport;
        Client = client;
        ToClient = toClient;
    }

    public SslStream Server { get; }

    public DuplexPipeStream ServerTransport { get; }

    public SslStream Client { get; }

    public CountingPipeWriter ToClient { get; }

    public static async Task<TlsPair> StartAsync()
    {
        var directory = new TempDirectory();
        var pki = new TestPki(directory.Path);
        var certificate = pki.IssueServer("origin.test");
        // Room for a whole test message, so a writer never waits for a reader the test has not started yet.
        var options = new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024);
        var toServer = new Pipe(options);
        var toClientPipe = new Pipe(options);
        var toClient = new CountingPipeWriter(toClientPipe.Writer);
        var serverTransport = new DuplexPipeStream(toServer.Reader, toClient);
        var server = new SslStream(serverTransport);
        var client = new SslStream(new DuplexPipeStream(toClientPipe.Reader, toServer.Writer), false,
            (_, presented, _, _) => presented != null && presented.GetCertHashString() == certificate.GetCertHashString());
        await Task.WhenAll(
            server.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }),
            client.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "origin.test" }));
        return new TlsPair(directory, pki, server, serverTransport, client, toClient);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Client.DisposeAsync();
        _pki.Dispose();
        _directory.Dispose();
    }

    /// <summary>A PipeWriter that counts its flushes (each one a send on a real transport).</summary>
    internal sealed class CountingPipeWriter(PipeWriter inner) : PipeWriter
    {
        public int Flushes { get; private set; }

        public override void Advance(int bytes) => inner.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Flushes++;
            return inner.FlushAsync(cancellationToken);
        }
    }
}
