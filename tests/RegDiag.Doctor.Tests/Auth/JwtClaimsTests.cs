using System.Text;
using RegDiag.Doctor.Auth;

namespace RegDiag.Doctor.Tests.Auth;

public sealed class JwtClaimsTests
{
    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void TryDecode_DistributionToken_ReadsClaimsAndAccess()
    {
        var token = Encode("{\"alg\":\"RS256\",\"kid\":\"ABCD\"}") + "." +
            Encode("{\"iss\":\"gitlab-issuer\",\"aud\":\"container_registry\",\"sub\":\"alice\",\"iat\":1700000000,\"nbf\":1700000000,\"exp\":1700000300," +
                   "\"access\":[{\"type\":\"repository\",\"name\":\"grp/proj\",\"actions\":[\"pull\",\"push\"]},{\"type\":\"registry\",\"name\":\"catalog\",\"actions\":[\"*\"]}]}") + ".c2ln";

        var claims = JwtClaims.TryDecode(token);

        Assert.NotNull(claims);
        Assert.Equal("gitlab-issuer", claims.Issuer);
        Assert.Equal(["container_registry"], claims.Audience);
        Assert.Equal("ABCD", claims.KeyId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000300), claims.Expires);
        Assert.Equal(["pull", "push"], claims.ActionsFor("grp/proj"));
        Assert.Empty(claims.ActionsFor("other/repo"));
    }

    [Fact]
    public void TryDecode_AudienceArray_ReadsAll()
    {
        var claims = JwtClaims.TryDecode(Encode("{}") + "." + Encode("{\"aud\":[\"a\",\"b\"]}") + ".x");

        Assert.Equal(["a", "b"], claims!.Audience);
    }

    [Theory]
    [InlineData("opaque-token")]
    [InlineData("a.b")]
    [InlineData("!!!.???.x")]
    public void TryDecode_NotAJwt_ReturnsNull(string token)
    {
        Assert.Null(JwtClaims.TryDecode(token));
    }
}
