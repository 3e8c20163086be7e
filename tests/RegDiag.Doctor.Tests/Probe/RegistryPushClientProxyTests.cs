using System.Net.Sockets;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Probe;
using RegDiag.Doctor.Tests.Support;
using RegDiag.Testing;

namespace RegDiag.Doctor.Tests.Probe;

/// <summary>The push client through a real intercepting proxy (mitmdump), as `regdiag demo` points it at one.</summary>
public sealed class RegistryPushClientProxyTests : IAsyncLifetime
{
    private readonly TempDirectory _confdir = new("regdiag-doctor-mitm");
    private LabFixture _lab = null!;
    private RunningProcess _mitm = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _lab = await LabFixture.StartAsync();
        _port = FreeLoopbackPort.Next();
        _mitm = ExternalTool.Start("mitmdump",
            ["--listen-host", "127.0.0.1", "--listen-port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--set", $"confdir={_confdir.Path}", "--set", $"ssl_verify_upstream_trusted_ca={_lab.Lab.CaCertificatePath}", "-q"]);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(_confdir.Combine("mitmproxy-ca-cert.pem")) || !await ListensAsync(_port))
        {
            if (DateTime.UtcNow > deadline || _mitm.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"mitmdump did not start: {_mitm.Output}");
            }
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        _mitm.Dispose();
        await _lab.DisposeAsync();
        _confdir.Dispose();
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Probe_ThroughMitmproxy_SucceedsAndRecordsEveryExchange()
    {
        var seen = new List<RegDiag.Core.Model.Exchange>();
        using var client = new RegistryPushClient(new RegistryPushClientOptions
        {
            Registry = new Uri($"https://registry.test:{_lab.Lab.RegistryPort}/"),
            User = LabFixture.User,
            Password = LabFixture.Password,
            Trust = CertificateTrust.Load(_confdir.Combine("mitmproxy-ca-cert.pem")),
            Proxy = new Uri($"http://127.0.0.1:{_port}"),
            OnExchange = seen.Add,
            Source = "demo",
        });

        var result = await client.ProbeAsync("team/through-proxy");

        Assert.True(result.Succeeded, string.Join("\n", result.Steps));
        Assert.Equal(client.Exchanges.Count, seen.Count);
        Assert.All(client.Exchanges, e => Assert.Equal("demo", e.Source));
        Assert.Contains(client.Exchanges, e => e.Request.Url.Contains("/auth/token", StringComparison.Ordinal));
        Assert.Contains(client.Exchanges, e => e.Request.Method == "PATCH" && e.Request.Body.Size == 4096 && e.Response?.Status == 202);
        Assert.Contains(client.Exchanges, e => e.Request.Method == "DELETE" && e.Response?.Status == 202);
    }

    [Fact]
    public async Task Probe_ProxyCaNotTrusted_FailsAtTheFirstRequestWithTlsError()
    {
        using var client = new RegistryPushClient(new RegistryPushClientOptions
        {
            Registry = new Uri($"https://registry.test:{_lab.Lab.RegistryPort}/"),
            Trust = CertificateTrust.Load(_lab.Lab.CaCertificatePath),
            Proxy = new Uri($"http://127.0.0.1:{_port}"),
        });

        var result = await client.ProbeAsync("team/through-proxy");

        Assert.False(result.Succeeded);
        Assert.Null(result.FailedStep!.Status);
        Assert.Equal(RegDiag.Core.Model.ExchangeErrorKind.UpstreamTls, Assert.Single(client.Exchanges).Error!.Kind);
    }
}
