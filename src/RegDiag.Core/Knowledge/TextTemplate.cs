using System.Text.RegularExpressions;

namespace RegDiag.Core.Knowledge;

/// <summary>Fills {name} placeholders of a signature's texts from facts; an unknown fact reads "?".</summary>
internal static partial class TextTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, string> facts) =>
        template.Contains('{')
            ? Placeholder().Replace(template, m => facts.TryGetValue(m.Groups[1].Value, out var value) && value.Length > 0 ? value : "?")
            : template;

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();
}
