using RegDiag.Testing.Captures;
using RegDiag.Tui.Filtering;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Tests.Filtering;

/// <summary>The filter language against the seven exchanges of <see cref="S3HeadForbiddenPush"/>.</summary>
public sealed class FilterParserTests : IDisposable
{
    private readonly FlowStore _store = new(live: false);

    public FilterParserTests() => _store.Load(S3HeadForbiddenPush.Exchanges());

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData("", new long[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("status>=400", new long[] { 1, 5, 6, 7 })]
    [InlineData("status:4xx", new long[] { 1, 5, 6, 7 })]
    [InlineData("status=307", new long[] { 4 })]
    [InlineData("status!=200 status<404", new long[] { 1, 4, 5, 6 })]
    [InlineData("method:HEAD", new long[] { 4, 5 })]
    [InlineData("method:head", new long[] { 4, 5 })]
    [InlineData("host:s3", new long[] { 5, 6 })]
    [InlineData("kind:token", new long[] { 2 })]
    [InlineData("kind:s3", new long[] { 5, 6 })]
    [InlineData("kind:storage", new long[] { 5, 6 })]
    [InlineData("kind:registry", new long[] { 1, 3, 4, 7 })]
    [InlineData("repo:group/project", new long[] { 2, 4, 7 })]
    [InlineData("digest:sha256:3f1c0a", new long[] { 4, 5, 6 })]
    [InlineData("digest:3f1c0a", new long[] { 4, 5, 6 })]
    [InlineData("op:ManifestGet", new long[] { 7 })]
    [InlineData("is:ping", new long[] { 1, 3 })]
    [InlineData("is:error", new long[] { 5, 6, 7 })]
    [InlineData("is:redirect", new long[] { 4 })]
    [InlineData("header:x-amz-request-id", new long[] { 5, 6 })]
    [InlineData("body:MANIFEST_UNKNOWN", new long[] { 7 })]
    [InlineData("manifests", new long[] { 7 })]
    [InlineData("\"Storage refused the redirected HEAD\"", new long[] { 5 })]
    [InlineData("kind:s3 method:HEAD", new long[] { 5 })]
    [InlineData("kind:s3 & method:GET", new long[] { 6 })]
    [InlineData("kind:token | status=307", new long[] { 2, 4 })]
    [InlineData("kind:token or status=307", new long[] { 2, 4 })]
    [InlineData("!is:ping kind:registry", new long[] { 4, 7 })]
    [InlineData("not is:ping kind:registry", new long[] { 4, 7 })]
    [InlineData("(kind:token | kind:s3) !method:HEAD", new long[] { 2, 6 })]
    [InlineData("size>100", new long[] { 2, 6 })]
    [InlineData("size>=1k", new long[] { })]
    [InlineData("dur<=12ms", new long[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("dur>1s", new long[] { })]
    public void Parse_Expression_SelectsTheRightFlows(string expression, long[] expected)
    {
        var predicate = FilterParser.Parse(expression);

        Assert.Equal(expected, _store.Flows.Where(predicate).Select(f => f.Id));
    }

    [Theory]
    [InlineData("colour:red", "unknown field 'colour' at 1")]
    [InlineData("status>", "'status>' needs a value after the operator")]
    [InlineData("status>abc", "'abc' is not a number for status")]
    [InlineData("method>3", "method is text: write method:VALUE")]
    [InlineData("kind:database", "kind:database is unknown: use registry, token, storage, s3, other")]
    [InlineData("is:slow", "is:slow is unknown")]
    [InlineData("(kind:s3", "'(' at 1 is not closed")]
    [InlineData("kind:s3 )", "unexpected ')' at 9")]
    [InlineData("kind:s3 |", "the expression ends where a term was expected")]
    [InlineData("\"open quote", "the quote at 1 is not closed")]
    public void Parse_InvalidExpression_ThrowsFilterExceptionSayingWhere(string expression, string message)
    {
        var error = Assert.Throws<FilterException>(() => FilterParser.Parse(expression));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Fields_EveryFieldHasAnExampleThatParsesAndHelp()
    {
        foreach (var field in FilterFields.All)
        {
            Assert.StartsWith(field.Name, field.Example);
            Assert.False(string.IsNullOrWhiteSpace(field.Help));
            _ = FilterParser.Parse(field.Example);
        }
        Assert.Equal(FilterFields.All.Count, FilterFields.All.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void HelpText_ListsEveryFieldAndEveryKey()
    {
        var help = RegDiag.Tui.App.HelpText.Build(RegDiag.Tui.App.FlowBrowser.Commands, FilterFields.All);

        foreach (var field in FilterFields.All)
        {
            Assert.Contains(field.Example, help);
        }
        foreach (var command in RegDiag.Tui.App.FlowBrowser.Commands)
        {
            Assert.Contains(command.Help, help);
        }
    }
}
