using RegDiag.Doctor.Checks;

namespace RegDiag.Doctor.Names;

/// <summary>--image against distribution's grammar and GitLab's rules, offline.</summary>
internal sealed class ImageNameCheck : IDoctorCheck
{
    public string Id => CheckIds.Name;
    public string Title => "Image name";
    public TimeSpan Timeout => TimeSpan.FromSeconds(2);
    public IReadOnlyList<string> DependsOn => [];
    public bool NeedsHost => false;

    public Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var image = context.Options.Image;
        if (image == null)
        {
            return Task.FromResult(CheckOutcome.Skip("no --image given"));
        }
        var analysis = ImageNameValidator.Analyze(image, context.Options.GitLabProject);
        var evidence = new List<string>
        {
            $"registry: {analysis.Domain ?? "(none: Docker would use docker.io)"}",
            $"repository: {analysis.Path}",
        };
        if (analysis.Tag != null)
        {
            evidence.Add($"tag: {analysis.Tag}");
        }
        if (analysis.Digest != null)
        {
            evidence.Add($"digest: {analysis.Digest}");
        }
        evidence.AddRange(analysis.Problems.Select(p => $"{p.Rule}: '{p.Component}': {p.Message}"));
        if (analysis.Problems.Count == 0)
        {
            return Task.FromResult(CheckOutcome.Pass($"{image} is a valid reference for distribution and GitLab", evidence));
        }
        var first = analysis.Problems.FirstOrDefault(p => p.Rule == NameRule.Distribution) ?? analysis.Problems[0];
        var finding = $"'{first.Component}' in {image}: {first.Message}";
        var fix = $"use a valid name such as {analysis.Suggestion}" +
            (analysis.Problems.Any(p => p.Rule == NameRule.GitLab) ? "; on GitLab rename the group, project or branch that carries the character" : "");
        if (!analysis.ValidForDistribution)
        {
            return Task.FromResult(CheckOutcome.Fail(finding + ": Docker says \"invalid reference format\"", fix, evidence));
        }
        // A GitLab-only problem is certain to fail when the user said the registry is GitLab's (--gitlab-project).
        return Task.FromResult(context.Options.GitLabProject != null
            ? CheckOutcome.Fail(finding + ": GitLab's registry rejects it", fix, evidence)
            : CheckOutcome.Warn(finding + " (GitLab only)", fix, evidence));
    }
}
