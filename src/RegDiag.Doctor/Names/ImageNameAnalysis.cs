namespace RegDiag.Doctor.Names;

/// <summary>An image reference taken apart, with what is wrong with it and a valid name to use instead.</summary>
public sealed record ImageNameAnalysis(
    string Input,
    string? Domain,
    string Path,
    string? Tag,
    string? Digest,
    IReadOnlyList<NameProblem> Problems,
    string? Suggestion)
{
    public bool ValidForDistribution => Problems.All(p => p.Rule != NameRule.Distribution);

    /// <summary>A valid repository path alone (no registry host, tag or digest), as --probe-push takes.</summary>
    public bool IsRepositoryPath => ValidForDistribution && Domain == null && Tag == null && Digest == null;
}
