namespace RegDiag.Doctor.Names;

/// <summary>Whose rule a name breaks: every registry's (distribution's reference grammar) or GitLab's stricter one.</summary>
public enum NameRule
{
    /// <summary>distribution/reference: Docker itself refuses the name ("invalid reference format").</summary>
    Distribution,

    /// <summary>GitLab's path rules: Docker accepts the name, GitLab's registry rejects it.</summary>
    GitLab,

    /// <summary>GitLab's project layout: the image is outside its project, or more than two levels below it.</summary>
    GitLabLayout,
}
