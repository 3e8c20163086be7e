namespace RegDiag.Lab.Auth;

/// <summary>One access a request needs or a token grants (distribution's auth.Access), e.g. repository:foo:push.</summary>
internal sealed record AccessRecord(string Type, string Name, string Action)
{
    /// <summary>The scope string clients send to the token server: type:name:action[,action].</summary>
    public static string Scope(IEnumerable<AccessRecord> records) =>
        string.Join(' ', records.GroupBy(r => (r.Type, r.Name))
            .Select(g => $"{g.Key.Type}:{g.Key.Name}:{string.Join(',', g.Select(r => r.Action))}"));

    /// <summary>Parses "repository:a/b:pull,push" (names may contain colons only in a port, which is rare).</summary>
    public static IEnumerable<AccessRecord> ParseScope(string scope)
    {
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last <= first)
        {
            yield break;
        }
        var type = scope[..first];
        var name = scope[(first + 1)..last];
        foreach (var action in scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return new AccessRecord(type, name, action);
        }
    }
}
