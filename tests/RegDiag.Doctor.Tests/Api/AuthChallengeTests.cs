using RegDiag.Doctor.Api;

namespace RegDiag.Doctor.Tests.Api;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Parse_GitLabBearerChallengeWithCommaInScope_ReadsEveryParameter()
    {
        var challenge = AuthChallenge.Parse("Bearer realm=\"https://gitlab.example.com/jwt/auth\",service=\"container_registry\",scope=\"repository:grp/proj:push,pull\",error=\"insufficient_scope\"");

        Assert.NotNull(challenge);
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://gitlab.example.com/jwt/auth", challenge.Realm);
        Assert.Equal("container_registry", challenge.Service);
        Assert.Equal("repository:grp/proj:push,pull", challenge.Scope);
        Assert.Equal("insufficient_scope", challenge.Error);
    }

    [Fact]
    public void Parse_BasicWithUnquotedRealm_IsBasic()
    {
        var challenge = AuthChallenge.Parse("Basic realm=Registry");

        Assert.NotNull(challenge);
        Assert.True(challenge.IsBasic);
        Assert.Equal("Registry", challenge.Realm);
    }

    [Fact]
    public void Parse_EscapedQuote_IsUnescaped()
    {
        Assert.Equal("a\"b", AuthChallenge.Parse("Bearer realm=\"a\\\"b\"")!.Realm);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer realm=\"unterminated")]
    [InlineData("Bearer novalue")]
    [InlineData("Bea;rer realm=x")]
    public void Parse_Malformed_ReturnsNull(string value)
    {
        Assert.Null(AuthChallenge.Parse(value));
    }
}
