using System.Text;
using System.Text.RegularExpressions;

namespace RegDiag.Doctor.Names;

/// <summary>
/// Checks an image reference against distribution's reference grammar (registry-failures.md §6) and
/// GitLab's stricter path rules, component by component, so the message can point at the offending part.
/// Hand-written: the grammar exists only as Go regular expressions, and the regex alone cannot say which
/// component is wrong or why.
/// </summary>
public static partial class ImageNameValidator
{
    private const int MaxPathLength = 255;

    /// <summary>GitLab: an image repository extends its project's path by at most two components.</summary>
    private const int MaxGitLabLevelsBelowProject = 2;

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex PathComponent();

    [GeneratedRegex("^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$|^\\[[a-fA-F0-9:]+\\](?::[0-9]+)?$")]
    private static partial Regex DomainAndPort();

    [GeneratedRegex("^[\\w][\\w.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex DigestPattern();

    /// <param name="reference">The image reference, NAME[:TAG][@DIGEST].</param>
    /// <param name="gitLabProject">The GitLab project path (group/subgroup/project), when known: only then can
    /// the depth rule be checked, since GitLab groups nest and the path alone does not say where the project ends.</param>
    public static ImageNameAnalysis Analyze(string reference, string? gitLabProject = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var problems = new List<NameProblem>();
        var rest = reference.Trim();
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                problems.Add(new NameProblem(digest, "invalid digest format: expected ALGORITHM:HEX (sha256: and at least 32 hex digits)", NameRule.Distribution));
            }
        }
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                problems.Add(new NameProblem(tag, "invalid tag format: a tag is 1-128 of [A-Za-z0-9_.-] and cannot start with '.' or '-'", NameRule.Distribution));
            }
        }
        string? domain = null;
        var slash = rest.IndexOf('/');
        if (slash > 0)
        {
            var first = rest[..slash];
            // distribution: the first component is a registry host when it has a dot, a port, upper case, or is localhost.
            if (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsUpper))
            {
                domain = first;
                rest = rest[(slash + 1)..];
                if (!DomainAndPort().IsMatch(domain))
                {
                    problems.Add(new NameProblem(domain, "not a valid registry host[:port]", NameRule.Distribution));
                }
            }
        }
        var path = rest;
        if (path.Length == 0)
        {
            problems.Add(new NameProblem(reference, "repository name must have at least one component", NameRule.Distribution));
        }
        else
        {
            foreach (var component in path.Split('/'))
            {
                problems.AddRange(CheckComponent(component));
            }
            if (path.Length > MaxPathLength)
            {
                problems.Add(new NameProblem(path, $"repository name must not be more than {MaxPathLength} characters (it has {path.Length})", NameRule.Distribution));
            }
        }
        var suggestedPath = path;
        if (gitLabProject != null && path.Length > 0)
        {
            var project = gitLabProject.Trim('/');
            if (path != project && !path.StartsWith(project + "/", StringComparison.Ordinal))
            {
                problems.Add(new NameProblem(path, $"not under the GitLab project '{project}': GitLab serves images only at <project path>[/name[/name]]", NameRule.GitLabLayout));
                suggestedPath = project + "/" + path.Split('/')[^1];
            }
            else
            {
                var below = path == project ? [] : path[(project.Length + 1)..].Split('/');
                if (below.Length > MaxGitLabLevelsBelowProject)
                {
                    problems.Add(new NameProblem(string.Join('/', below), $"{below.Length} levels below the project '{project}': GitLab allows at most {MaxGitLabLevelsBelowProject} ({project}, {project}/image, {project}/my/image)", NameRule.GitLabLayout));
                    suggestedPath = $"{project}/{below[0]}/{string.Join('-', below[1..])}";
                }
            }
        }
        var suggestion = problems.Count == 0 ? null : Suggest(domain, suggestedPath, tag, digest);
        return new ImageNameAnalysis(reference, domain, path, tag, digest, problems, suggestion);
    }

    private static IEnumerable<NameProblem> CheckComponent(string component)
    {
        if (component.Length == 0)
        {
            yield return new NameProblem("", "empty path component (a double or trailing slash)", NameRule.Distribution);
            yield break;
        }
        if (!PathComponent().IsMatch(component))
        {
            yield return new NameProblem(component, DescribeInvalid(component), NameRule.Distribution);
            yield break;
        }
        // Valid for distribution; GitLab's path rules are stricter (registry-failures.md §6 and §8).
        if (component.Contains("--", StringComparison.Ordinal))
        {
            yield return new NameProblem(component, "double hyphen: Docker accepts it, GitLab's registry rejects it", NameRule.GitLab);
        }
        if (component.Contains("__", StringComparison.Ordinal))
        {
            yield return new NameProblem(component, "double underscore: Docker accepts it, GitLab's registry rejects it", NameRule.GitLab);
        }
    }

    private static string DescribeInvalid(string component)
    {
        if (component.Any(char.IsUpper))
        {
            return "repository name must be lowercase";
        }
        if (component[0] is '_' or '.' or '-')
        {
            return component[0] == '_'
                ? "leading underscore: GitLab groups may start with '_', image paths may not (rename the group or project)"
                : $"a component cannot start with '{component[0]}'";
        }
        if (component[^1] is '_' or '.' or '-')
        {
            return component[^1] == '-'
                ? "trailing hyphen: not allowed in an image path (rename the group, project or branch)"
                : $"a component cannot end with '{component[^1]}'";
        }
        var bad = component.FirstOrDefault(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'));
        if (bad != default)
        {
            return $"character '{bad}' is not allowed: only a-z, 0-9 and the separators . _ __ -";
        }
        if (component.Contains("___", StringComparison.Ordinal))
        {
            return "more than two underscores in a row";
        }
        return "separators must sit between letters or digits ('.', '_', '__' or hyphens), one at a time";
    }

    /// <summary>A name both distribution and GitLab accept, as close to the original as possible.</summary>
    private static string Suggest(string? domain, string path, string? tag, string? digest)
    {
        var components = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(SuggestComponent).Where(c => c.Length > 0).ToList();
        var builder = new StringBuilder();
        if (domain != null)
        {
            builder.Append(domain.ToLowerInvariant()).Append('/');
        }
        builder.Append(components.Count == 0 ? "image" : string.Join('/', components));
        if (tag != null)
        {
            var fixedTag = Regex.Replace(tag, "[^\\w.-]", "-");
            fixedTag = fixedTag.TrimStart('.', '-');
            builder.Append(':').Append(fixedTag.Length == 0 ? "latest" : fixedTag[..Math.Min(128, fixedTag.Length)]);
        }
        if (digest != null && DigestPattern().IsMatch(digest))
        {
            builder.Append('@').Append(digest);
        }
        return builder.ToString();
    }

    private static string SuggestComponent(string component)
    {
        var lower = component.ToLowerInvariant();
        lower = Regex.Replace(lower, "[^a-z0-9._-]", "-");
        // Collapse runs of separators to one hyphen (or keep a single '.' / '_'), GitLab-safe.
        lower = Regex.Replace(lower, "[._-]{2,}", "-");
        return lower.Trim('.', '_', '-');
    }
}
