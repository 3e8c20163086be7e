namespace RegDiag.Doctor.Auth;

/// <summary>One entry of a token's "access" claim.</summary>
public sealed record JwtAccess(string Type, string Name, IReadOnlyList<string> Actions)
{
    public override string ToString() => $"{Type}:{Name}:{string.Join(",", Actions)}";
}
