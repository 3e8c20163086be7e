using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Tests.Support;

namespace RegDiag.Doctor.Tests.Names;

public sealed class ImageNameCheckTests
{
    private const string Deep = "registry.example.com/group/project/a/b/c:1";

    [Fact]
    public async Task Name_DeepPathWithoutGitLabProject_PassesSinceTheProjectIsUnknown()
    {
        var run = await DoctorRun.RunAsync(new DoctorOptions { Image = Deep, Only = [CheckIds.Name] });

        run.Expect(CheckIds.Name, CheckStatus.Pass);
    }

    [Fact]
    public async Task Name_DeepPathUnderGitLabProject_FailsWithTheExtraLevelsAndAShallowerName()
    {
        var run = await DoctorRun.RunAsync(new DoctorOptions { Image = Deep, GitLabProject = "group/project", Only = [CheckIds.Name] });

        var name = run.Expect(CheckIds.Name, CheckStatus.Fail);
        Assert.Contains("3 levels below the project 'group/project'", name.Finding);
        Assert.Contains("registry.example.com/group/project/a/b-c:1", name.Fix);
    }
}
