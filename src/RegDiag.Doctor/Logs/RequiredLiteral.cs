using System.Text;

namespace RegDiag.Doctor.Logs;

/// <summary>
/// The longest run of plain characters a regular expression requires in every match, e.g.
/// <c>err\.detail="?s3aws: </c> requires <c>s3aws: </c>. Hand-written because .NET exposes no regex
/// analysis; it is deliberately conservative: a pattern with a top-level alternation, or without a run of
/// at least three characters, gives null (and the scanner then looks at every line).
/// </summary>
internal static class RequiredLiteral
{
    public static string? Of(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var best = "";
        var run = new StringBuilder();
        var depth = 0;
        void EndRun()
        {
            if (run.Length > best.Length)
            {
                best = run.ToString();
            }
            run.Clear();
        }
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var next = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
            // A quantifier after a character makes that character optional or repeated: drop it from the run.
            var quantified = next is '?' or '*' or '+' or '{';
            switch (c)
            {
                case '\\':
                    if (i + 1 >= pattern.Length)
                    {
                        return null;
                    }
                    var escaped = pattern[++i];
                    var after = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
                    if (char.IsLetterOrDigit(escaped) || after is '?' or '*' or '+' or '{')
                    {
                        EndRun(); // \d, \s, \w ... or a quantified escape
                    }
                    else if (depth == 0)
                    {
                        run.Append(escaped);
                    }
                    break;
                case '|' when depth == 0:
                    return null;
                case '(':
                    EndRun();
                    depth++;
                    break;
                case ')':
                    depth--;
                    EndRun();
                    break;
                case '[':
                    EndRun();
                    var close = pattern.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        return null;
                    }
                    i = close;
                    break;
                case '.' or '^' or '$' or '?' or '*' or '+' or '{' or '}':
                    EndRun();
                    break;
                default:
                    if (depth > 0 || quantified)
                    {
                        EndRun();
                    }
                    else
                    {
                        run.Append(c);
                    }
                    break;
            }
        }
        EndRun();
        return best.Length >= 3 ? best : null;
    }
}
