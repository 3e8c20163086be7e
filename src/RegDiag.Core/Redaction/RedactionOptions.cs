namespace RegDiag.Core.Redaction;

/// <summary>
/// What an export hides. Redaction is on by default; turning it off must be an explicit choice of the user
/// (<c>--no-redact</c>), so <see cref="None"/> is the only way to get an unredacted export.
/// </summary>
public sealed record RedactionOptions
{
    /// <summary>Redact every known secret (the default of every export).</summary>
    public static RedactionOptions Default { get; } = new();

    /// <summary>Export as captured, secrets included. Only for an explicit <c>--no-redact</c>.</summary>
    public static RedactionOptions None { get; } = new() { Enabled = false };

    public bool Enabled { get; init; } = true;

    /// <summary>Further header names whose whole value is secret (compared case-insensitively).</summary>
    public IReadOnlyCollection<string> ExtraHeaders { get; init; } = [];

    /// <summary>Further query, form and JSON field names whose value is secret.</summary>
    public IReadOnlyCollection<string> ExtraFields { get; init; } = [];
}
