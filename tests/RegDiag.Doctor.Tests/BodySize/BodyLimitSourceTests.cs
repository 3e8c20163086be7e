using RegDiag.Doctor.BodySize;

namespace RegDiag.Doctor.Tests.BodySize;

public sealed class BodyLimitSourceTests
{
    [Theory]
    [InlineData("nginx/1.25.3", null, "client_max_body_size")]
    [InlineData(null, "<html><center>nginx</center></html>", "client_max_body_size")]
    [InlineData("cloudflare", null, "DNS-only")]
    [InlineData("istio-envoy", null, "max_request_bytes")]
    [InlineData("Apache/2.4.57 (Debian)", null, "LimitRequestBody 0")]
    [InlineData("", "payload too large", "every hop")]
    public void Identify_ServerOrBody_NamesTheHopAndWhereToLiftTheLimit(string? server, string? body, string fixPart)
    {
        Assert.Contains(fixPart, BodyLimitSource.Identify(server, body).Fix);
    }
}
