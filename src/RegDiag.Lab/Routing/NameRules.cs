using System.Text.RegularExpressions;
using RegDiag.Lab.Scenarios;

namespace RegDiag.Lab.Routing;

/// <summary>
/// Repository name checks beyond the route grammar: distribution's 255-character limit and, with the
/// gitlab-names scenario, GitLab's stricter rules (no double separators, no separator at either end of a
/// component, at most three levels below the group).
/// </summary>
internal static partial class NameRules
{
    /// <summary>GitLab's path regex: single separators between alphanumerics only.</summary>
    [GeneratedRegex("^[a-z0-9]+(?:[-._][a-z0-9]+)*$")]
    private static partial Regex GitLabComponent();

    public const int GitLabMaxComponents = 4;

    /// <summary>Why the name is invalid, or null when it is fine.</summary>
    public static string? Check(string name, ScenarioSet scenarios)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > NameGrammar.MaxNameLength)
        {
            return $"repository name must not be more than {NameGrammar.MaxNameLength} characters";
        }
        if (!scenarios.Has(LabScenarios.GitLabNames))
        {
            return null;
        }
        var components = name.Split('/');
        if (components.Length > GitLabMaxComponents)
        {
            return $"invalid repository name: {name}: more than three levels below the group";
        }
        foreach (var component in components)
        {
            if (!GitLabComponent().IsMatch(component))
            {
                return $"invalid repository name: {name}: '{component}' has a leading, trailing or repeated separator";
            }
        }
        return null;
    }
}
