namespace RegDiag.Core;

/// <summary>
/// Where RegDiag keeps its state (CA, capture sessions): $REGDIAG_HOME, or ~/.regdiag when unset.
/// </summary>
public static class RegDiagHome
{
    public const string EnvironmentVariable = "REGDIAG_HOME";

    public static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".regdiag");
    }

    /// <summary>The default CA directory under a home.</summary>
    public static string CaDirectory(string home) => Path.Combine(home, "ca");

    /// <summary>The directory of capture journals under a home.</summary>
    public static string SessionsDirectory(string home) => Path.Combine(home, "sessions");
}
