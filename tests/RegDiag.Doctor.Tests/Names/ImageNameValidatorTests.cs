using RegDiag.Doctor.Names;

namespace RegDiag.Doctor.Tests.Names;

public sealed class ImageNameValidatorTests
{
    [Theory]
    [InlineData("registry.example.com/group/project:some-tag")]
    [InlineData("registry.example.com/group/project/image:latest")]
    [InlineData("registry.example.com/group/project/my/image:rc1")]
    [InlineData("localhost:5000/a/b_c.d-e")]
    [InlineData("ubuntu")]
    [InlineData("group/project@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Analyze_ValidReference_HasNoProblems(string reference)
    {
        var analysis = ImageNameValidator.Analyze(reference);

        Assert.Empty(analysis.Problems);
        Assert.Null(analysis.Suggestion);
    }

    [Theory]
    [InlineData("registry.example.com/_group/project", "_group", "leading underscore")]
    [InlineData("registry.example.com/group/project-/image", "project-", "trailing hyphen")]
    [InlineData("registry.example.com/group/pro ject", "pro ject", "character ' '")]
    [InlineData("registry.example.com/group//project", "", "empty path component")]
    [InlineData("registry.example.com/group/a___b", "a___b", "underscores")]
    [InlineData("registry.example.com/group/project:-tag", "-tag", "invalid tag format")]
    public void Analyze_InvalidComponent_NamesItAndWhy(string reference, string component, string why)
    {
        var analysis = ImageNameValidator.Analyze(reference);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(component, problem.Component);
        Assert.Contains(why, problem.Message);
        Assert.Equal(NameRule.Distribution, problem.Rule);
        Assert.False(analysis.ValidForDistribution);
    }

    [Fact]
    public void Analyze_UpperCaseInPath_SaysLowercase()
    {
        var analysis = ImageNameValidator.Analyze("registry.example.com/Group/Project:1");

        Assert.Contains(analysis.Problems, p => p.Component == "Group" && p.Message.Contains("lowercase", StringComparison.Ordinal));
        Assert.Equal("registry.example.com/group/project:1", analysis.Suggestion);
    }

    [Theory]
    [InlineData("registry.example.com/group/my--project", "my--project", "double hyphen")]
    [InlineData("registry.example.com/group/my__project", "my__project", "double underscore")]
    public void Analyze_ValidForDockerButNotGitLab_IsAGitLabProblem(string reference, string component, string why)
    {
        var analysis = ImageNameValidator.Analyze(reference);

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(NameRule.GitLab, problem.Rule);
        Assert.Equal(component, problem.Component);
        Assert.Contains(why, problem.Message);
        Assert.True(analysis.ValidForDistribution);
    }

    [Theory]
    [InlineData("registry.example.com/_Group--x/Pro ject-/a___b:v 1")]
    [InlineData("registry.example.com/group/my--project")]
    [InlineData("registry.example.com/-/x")]
    public void Analyze_Suggestion_IsItselfValidEverywhere(string reference)
    {
        var suggestion = ImageNameValidator.Analyze(reference).Suggestion;

        Assert.NotNull(suggestion);
        Assert.Empty(ImageNameValidator.Analyze(suggestion).Problems);
    }

    [Fact]
    public void Analyze_PathLongerThan255_Fails()
    {
        var analysis = ImageNameValidator.Analyze("registry.example.com/" + string.Join('/', Enumerable.Repeat(new string('a', 50), 6)));

        Assert.Contains(analysis.Problems, p => p.Message.Contains("255", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_DomainAndTag_AreSeparatedFromThePath()
    {
        var analysis = ImageNameValidator.Analyze("localhost:5000/group/project:v1.2");

        Assert.Equal("localhost:5000", analysis.Domain);
        Assert.Equal("group/project", analysis.Path);
        Assert.Equal("v1.2", analysis.Tag);
    }

    [Theory]
    [InlineData("registry.example.com/group/sub/project:1", "group/sub/project")]
    [InlineData("registry.example.com/group/sub/project/image:1", "group/sub/project")]
    [InlineData("registry.example.com/group/sub/project/my/image:1", "group/sub/project")]
    public void Analyze_GitLabProjectAndAtMostTwoLevelsBelow_HasNoProblems(string reference, string project)
    {
        Assert.Empty(ImageNameValidator.Analyze(reference, project).Problems);
    }

    [Fact]
    public void Analyze_ThreeLevelsBelowTheGitLabProject_NamesTheExtraLevelsAndSuggestsTwo()
    {
        var analysis = ImageNameValidator.Analyze("registry.example.com/group/project/a/b/c:1", "group/project");

        var problem = Assert.Single(analysis.Problems);
        Assert.Equal(NameRule.GitLabLayout, problem.Rule);
        Assert.Equal("a/b/c", problem.Component);
        Assert.Contains("3 levels below the project 'group/project'", problem.Message);
        Assert.True(analysis.ValidForDistribution);
        Assert.Equal("registry.example.com/group/project/a/b-c:1", analysis.Suggestion);
        Assert.Empty(ImageNameValidator.Analyze(analysis.Suggestion!, "group/project").Problems);
    }

    [Fact]
    public void Analyze_ImageOutsideTheGitLabProject_SaysSo()
    {
        var analysis = ImageNameValidator.Analyze("registry.example.com/other/app:1", "group/project");

        var problem = Assert.Single(analysis.Problems);
        Assert.Contains("not under the GitLab project 'group/project'", problem.Message);
        Assert.Equal("registry.example.com/group/project/app:1", analysis.Suggestion);
    }
}
