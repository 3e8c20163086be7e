using RegDiag.Doctor.Logs;

namespace RegDiag.Doctor.Tests.Logs;

public sealed class RequiredLiteralTests
{
    [Theory]
    [InlineData("RequestTimeTooSkewed", "RequestTimeTooSkewed")]
    [InlineData("err\\.detail=\"?s3aws: ", "err.detail=")]
    [InlineData("err\\.detail=\"?unexpected EOF", "unexpected EOF")]
    [InlineData("token not to be used after", "token not to be used after")]
    [InlineData("msg=\"?authorization token required", "authorization token required")]
    [InlineData("\"code\":\"BLOB_UNKNOWN\".*\"method\":\"HEAD\"", "\"code\":\"BLOB_UNKNOWN\"")]
    [InlineData("abc(?:def)?ghij", "ghij")]
    [InlineData("status=[45]\\d\\d upstream", " upstream")]
    public void Of_Pattern_GivesARunEveryMatchContains(string pattern, string literal)
    {
        Assert.Equal(literal, RequiredLiteral.Of(pattern));
    }

    [Theory]
    [InlineData("foo|bar")]
    [InlineData("\\d+\\.\\d+")]
    [InlineData("ab")]
    public void Of_PatternWithoutSafeLiteral_IsNull(string pattern)
    {
        Assert.Null(RequiredLiteral.Of(pattern));
    }

    [Fact]
    public void KnowledgeBaseMatcher_Default_HasCandidatesForTheFastPath()
    {
        Assert.NotNull(KnowledgeBaseLogLineMatcher.Default.Candidates);
    }
}
