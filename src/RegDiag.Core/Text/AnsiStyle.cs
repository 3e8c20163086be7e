namespace RegDiag.Core.Text;

/// <summary>
/// ANSI colour for terminal text output. Off when NO_COLOR is set (https://no-color.org), when output is
/// redirected, or when asked; every text renderer goes through one instance so the rule lives in one place.
/// </summary>
public sealed class AnsiStyle
{
    public static AnsiStyle Plain { get; } = new(false);

    public AnsiStyle(bool enabled) => Enabled = enabled;

    public bool Enabled { get; }

    /// <summary>Colour for standard output, following NO_COLOR and redirection.</summary>
    public static AnsiStyle ForStdout() =>
        new(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && !Console.IsOutputRedirected);

    public string Red(string text) => Wrap("31", text);
    public string Green(string text) => Wrap("32", text);
    public string Yellow(string text) => Wrap("33", text);
    public string Blue(string text) => Wrap("34", text);
    public string Cyan(string text) => Wrap("36", text);
    public string Dim(string text) => Wrap("2", text);
    public string Bold(string text) => Wrap("1", text);

    private string Wrap(string code, string text) => Enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
