using System.Text.RegularExpressions;

namespace RegDiag.Lab.Routing;

/// <summary>The repository name, tag and digest grammar of distribution/reference and the OCI spec.</summary>
internal static partial class NameGrammar
{
    public const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    public const string Name = PathComponent + "(?:/" + PathComponent + ")*";
    public const string Tag = @"[\w][\w.-]{0,127}";
    public const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    /// <summary>distribution rejects longer names with NAME_INVALID.</summary>
    public const int MaxNameLength = 255;

    [GeneratedRegex("^" + Tag + "$")]
    public static partial Regex TagRegex();

    [GeneratedRegex("^" + Digest + "$")]
    public static partial Regex DigestRegex();

    [GeneratedRegex("^" + Name + "$")]
    public static partial Regex NameRegex();
}
