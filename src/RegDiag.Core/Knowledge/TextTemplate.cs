using System.Text.RegularExpressions;

namespace RegDiag.Core.Knowledge;

/// <summary>
/// Fills {name} placeholders of a signature's texts from facts: an unknown fact reads "?", while an optional
/// one, {name?}, simply disappears.
/// </summary>
internal static partial class TextTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, string> facts) =>
        template.Contains('{')
            ? Placeholder().Replace(template, m => facts.TryGetValue(m.Groups["name"].Value, out var value) && value.Length > 0
                ? m.Groups["space"].Value + value
                : m.Groups["optional"].Success ? "" : m.Groups["space"].Value + "?")
            : template;

    [GeneratedRegex(@"(?<space> ?)\{(?<name>[A-Za-z][A-Za-z0-9]*)(?<optional>\?)?\}")]
    private static partial Regex Placeholder();
}
