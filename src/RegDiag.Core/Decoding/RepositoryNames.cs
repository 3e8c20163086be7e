using System.Text.RegularExpressions;

namespace RegDiag.Core.Decoding;

/// <summary>
/// Repository name rules: distribution's reference grammar (path components of lower-case alphanumerics
/// joined by '.', '_', '__' or runs of '-'; at most 255 characters) and GitLab's stricter one, which also
/// rejects '__', '--' and leading or trailing separators in group and project paths.
/// </summary>
public static partial class RepositoryNames
{
    /// <summary>Why <paramref name="name"/> breaks distribution's grammar, or null when it is valid.</summary>
    public static string? DistributionProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "repository name must have at least one component";
        }
        if (name.Length > 255)
        {
            return "repository name must not be more than 255 characters";
        }
        if (name.Any(char.IsAsciiLetterUpper))
        {
            return "repository name must be lowercase";
        }
        foreach (var component in name.Split('/'))
        {
            if (!DistributionComponent().IsMatch(component))
            {
                return $"path component \"{component}\" is not lower-case alphanumerics joined by '.', '_', '__' or '-'";
            }
        }
        return null;
    }

    /// <summary>Why GitLab would refuse <paramref name="name"/> even though distribution accepts it, or null.</summary>
    public static string? GitLabProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (DistributionProblem(name) != null)
        {
            return null;
        }
        if (!GitLabName().IsMatch(name))
        {
            return name.Contains("--", StringComparison.Ordinal) ? "a double hyphen (--)"
                : name.Contains("__", StringComparison.Ordinal) ? "a double underscore (__)"
                : "a separator GitLab does not allow";
        }
        return null;
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex DistributionComponent();

    /// <summary>GitLab's container repository path rule: single '-', '.', '_' or '/' between alphanumerics.</summary>
    [GeneratedRegex(@"^[a-z0-9]+(?:[-._/][a-z0-9]+)*$")]
    private static partial Regex GitLabName();
}
