using System.Buffers;
using System.Text;
using RegDiag.Proxy.Connect;

namespace RegDiag.Proxy.Tests.Connect;

public sealed class ConnectParsingTests
{
    [Theory]
    [InlineData("GET http://x/ HTTP/1.1\r\n\r\n", "NotConnect")]
    [InlineData("CONN", "NeedMore")]
    [InlineData("CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n", "NeedMore")]
    [InlineData("CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", "Complete")]
    [InlineData("CONNECT a:443\r\n\r\n", "Invalid")]
    [InlineData("CONNECT a:443 HTTP/1.1\r\nno colon\r\n\r\n", "Invalid")]
    public void TryRead_Input_GivesOutcome(string input, string expected)
    {
        Assert.Equal(expected, ProxyRequestHead.TryRead(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(input)), out _, out _).ToString());
    }

    [Fact]
    public void TryRead_CompleteHeadFollowedByTls_StopsAtTheBlankLine()
    {
        var bytes = Encoding.ASCII.GetBytes("CONNECT registry.test:443 HTTP/1.1\r\nProxy-Authorization: Basic eA==\r\n\r\n\u0016\u0003\u0001");
        var buffer = new ReadOnlySequence<byte>(bytes);

        ProxyRequestHead.TryRead(buffer, out var end, out var head);

        Assert.Equal(3, buffer.Slice(end).Length);
        Assert.Equal("registry.test:443", head!.Target);
        Assert.Equal("Basic eA==", head.Headers.Single(h => h.Name == "Proxy-Authorization").Value);
    }

    [Theory]
    [InlineData("registry.test:443", "registry.test", 443)]
    [InlineData("[::1]:8443", "::1", 8443)]
    [InlineData("10.0.0.1:5000", "10.0.0.1", 5000)]
    public void ConnectTarget_Valid_Parses(string target, string host, int port)
    {
        Assert.True(ConnectTarget.TryParse(target, out var parsedHost, out var parsedPort));
        Assert.Equal((host, port), (parsedHost, parsedPort));
    }

    [Theory]
    [InlineData("registry.test")]
    [InlineData("registry.test:0")]
    [InlineData("registry.test:99999")]
    [InlineData(":443")]
    [InlineData("a/b:443")]
    public void ConnectTarget_Invalid_IsRejected(string target)
    {
        Assert.False(ConnectTarget.TryParse(target, out _, out _));
    }

    [Theory]
    [InlineData("registry.test", true)]
    [InlineData("pinned.example.com", false)]
    [InlineData("PINNED.example.com", false)]
    [InlineData("s3.amazonaws.com", true)]
    public void HostGlobs_Passthrough_ExcludesMatchingHosts(string host, bool intercepted)
    {
        Assert.Equal(intercepted, new HostGlobs(["*.example.com"], []).ShouldIntercept(host));
    }

    [Theory]
    [InlineData("registry.test", true)]
    [InlineData("bucket.s3.test", true)]
    [InlineData("other.test", false)]
    public void HostGlobs_Intercept_OnlyMatchingHosts(string host, bool intercepted)
    {
        Assert.Equal(intercepted, new HostGlobs([], ["registry.test", "*.s3.test"]).ShouldIntercept(host));
    }

    [Theory]
    [InlineData("REGISTRY.example.com", false)]
    [InlineData("r1.example.org", false)]
    [InlineData("r12.example.org", true)]
    [InlineData("example.org", true)]
    public void HostGlobs_CaseAndSingleCharacter_MatchAsGlobs(string host, bool intercepted)
    {
        Assert.Equal(intercepted, new HostGlobs(["*.example.com", " r?.example.org "], []).ShouldIntercept(host));
    }
}
