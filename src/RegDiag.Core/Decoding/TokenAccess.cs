namespace RegDiag.Core.Decoding;

/// <summary>One entry of a registry token's "access" claim, or one requested scope.</summary>
public sealed record TokenAccess(string Type, string Name, IReadOnlyList<string> Actions)
{
    /// <summary>Parses "repository:group/project:push,pull" (the name may itself contain ':' for a port).</summary>
    public static TokenAccess? ParseScope(string scope)
    {
        var first = scope.IndexOf(':');
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last == first)
        {
            return null;
        }
        return new TokenAccess(scope[..first], scope[(first + 1)..last],
            scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public override string ToString() => $"{Type}:{Name}:{string.Join(',', Actions)}";
}
