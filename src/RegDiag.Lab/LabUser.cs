namespace RegDiag.Lab;

/// <summary>A user of the lab's token server (`--user NAME:PASSWORD`).</summary>
public sealed record LabUser(string Name, string Password)
{
    /// <summary>Parses NAME:PASSWORD; the password may contain colons.</summary>
    public static LabUser Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            throw new FormatException($"'{value}' is not NAME:PASSWORD");
        }
        return new LabUser(value[..colon], value[(colon + 1)..]);
    }
}
