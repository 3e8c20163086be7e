using System.Text;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Filtering;

/// <summary>
/// Parses the filter language into a predicate. Terms side by side must all match; <c>|</c> (or <c>or</c>)
/// gives alternatives, <c>!</c> (or <c>not</c>) negates, parentheses group, double quotes keep spaces.
/// A term is <c>field OP value</c> with a field from <see cref="FilterFields"/>, or free text.
/// <code>
/// expr  := and ( ('|' | 'or') and )*
/// and   := unary ( ['&amp;' | 'and'] unary )*
/// unary := ('!' | 'not') unary | '(' expr ')' | term
/// </code>
/// Hand-written: no parser library is among the project's dependencies and the grammar is a dozen lines.
/// </summary>
public static class FilterParser
{
    // Longest first, so ">=" is not read as ">".
    private static readonly (string Text, FilterComparison Comparison)[] Operators =
    [
        ("!=", FilterComparison.NotEqual),
        (">=", FilterComparison.GreaterOrEqual),
        ("<=", FilterComparison.LessOrEqual),
        (":", FilterComparison.Match),
        ("=", FilterComparison.Equal),
        (">", FilterComparison.Greater),
        ("<", FilterComparison.Less),
    ];

    /// <summary>Parses an expression; an empty one matches everything.</summary>
    /// <exception cref="FilterException">The expression is not valid; the message says where and why.</exception>
    public static Func<Flow, bool> Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var tokens = Tokenize(expression);
        if (tokens.Count == 0)
        {
            return static _ => true;
        }
        var position = 0;
        var predicate = ParseOr(tokens, ref position);
        if (position < tokens.Count)
        {
            throw new FilterException($"unexpected '{tokens[position].Text}' at {tokens[position].Offset + 1}", tokens[position].Offset);
        }
        return predicate;
    }

    private sealed record Token(string Text, int Offset, bool Quoted);

    private static Func<Flow, bool> ParseOr(List<Token> tokens, ref int position)
    {
        var left = ParseAnd(tokens, ref position);
        while (position < tokens.Count && IsKeyword(tokens[position], "|", "or"))
        {
            position++;
            var right = ParseAnd(tokens, ref position);
            var l = left;
            left = f => l(f) || right(f);
        }
        return left;
    }

    private static Func<Flow, bool> ParseAnd(List<Token> tokens, ref int position)
    {
        var left = ParseUnary(tokens, ref position);
        while (position < tokens.Count && !IsKeyword(tokens[position], "|", "or") && !IsKeyword(tokens[position], ")"))
        {
            if (IsKeyword(tokens[position], "&", "and"))
            {
                position++;
            }
            var right = ParseUnary(tokens, ref position);
            var l = left;
            left = f => l(f) && right(f);
        }
        return left;
    }

    private static Func<Flow, bool> ParseUnary(List<Token> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            var end = tokens.Count == 0 ? 0 : tokens[^1].Offset + tokens[^1].Text.Length;
            throw new FilterException("the expression ends where a term was expected", end);
        }
        var token = tokens[position];
        if (IsKeyword(token, "!", "not"))
        {
            position++;
            var inner = ParseUnary(tokens, ref position);
            return f => !inner(f);
        }
        if (IsKeyword(token, "("))
        {
            position++;
            var inner = ParseOr(tokens, ref position);
            if (position >= tokens.Count || !IsKeyword(tokens[position], ")"))
            {
                throw new FilterException($"'(' at {token.Offset + 1} is not closed", token.Offset);
            }
            position++;
            return inner;
        }
        if (IsKeyword(token, ")", "|", "or", "&", "and"))
        {
            throw new FilterException($"unexpected '{token.Text}' at {token.Offset + 1}", token.Offset);
        }
        position++;
        return ParseTerm(token);
    }

    private static Func<Flow, bool> ParseTerm(Token token)
    {
        if (!token.Quoted && SplitField(token.Text) is var (name, comparison, value))
        {
            var field = FilterFields.Find(name)
                ?? throw new FilterException($"unknown field '{name}' at {token.Offset + 1} (press ? for the list)", token.Offset);
            if (value.Length == 0)
            {
                throw new FilterException($"'{token.Text}' needs a value after the operator", token.Offset);
            }
            return comparison == FilterComparison.Match && field.Match != null
                ? MatchTerm(field, value, token)
                : CompareTerm(field, comparison, value, token);
        }
        var text = token.Text;
        return f => FilterFields.MatchFreeText(f, text);
    }

    private static Func<Flow, bool> MatchTerm(FilterField field, string value, Token token)
    {
        if (field.Values != null && !field.Values.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            throw new FilterException($"{field.Name}:{value} is unknown: use {string.Join(", ", field.Values)}", token.Offset);
        }
        var match = field.Match!;
        return f => match(f, value);
    }

    private static Func<Flow, bool> CompareTerm(FilterField field, FilterComparison comparison, string value, Token token)
    {
        if (field.Number == null || field.ParseNumber == null)
        {
            throw new FilterException($"{field.Name} is text: write {field.Name}:VALUE", token.Offset);
        }
        var target = field.ParseNumber(value)
            ?? throw new FilterException($"'{value}' is not a number for {field.Name} (e.g. {field.Example})", token.Offset);
        var number = field.Number;
        return comparison switch
        {
            FilterComparison.Match or FilterComparison.Equal => f => number(f) is { } n && n == target,
            FilterComparison.NotEqual => f => number(f) is { } n && n != target,
            FilterComparison.Greater => f => number(f) is { } n && n > target,
            FilterComparison.GreaterOrEqual => f => number(f) is { } n && n >= target,
            FilterComparison.Less => f => number(f) is { } n && n < target,
            FilterComparison.LessOrEqual => f => number(f) is { } n && n <= target,
            _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
        };
    }

    /// <summary>Splits "name OP value" when the word starts with letters followed by an operator.</summary>
    private static (string Name, FilterComparison Comparison, string Value)? SplitField(string word)
    {
        var nameEnd = 0;
        while (nameEnd < word.Length && char.IsAsciiLetter(word[nameEnd]))
        {
            nameEnd++;
        }
        if (nameEnd == 0)
        {
            return null;
        }
        foreach (var (text, comparison) in Operators)
        {
            if (word.AsSpan(nameEnd).StartsWith(text, StringComparison.Ordinal))
            {
                return (word[..nameEnd], comparison, Unquote(word[(nameEnd + text.Length)..]));
            }
        }
        return null;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static bool IsKeyword(Token token, params string[] keywords) =>
        !token.Quoted && keywords.Any(k => string.Equals(token.Text, k, StringComparison.OrdinalIgnoreCase));

    private static List<Token> Tokenize(string expression)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c is '(' or ')' or '|' or '&' || (c == '!' && i + 1 < expression.Length && expression[i + 1] != '='))
            {
                tokens.Add(new Token(c.ToString(), i, false));
                i++;
                continue;
            }
            var start = i;
            var quotedWhole = c == '"';
            var text = new StringBuilder();
            var inQuotes = false;
            while (i < expression.Length && (inQuotes || !(char.IsWhiteSpace(expression[i]) || expression[i] is '(' or ')' or '|' or '&')))
            {
                if (expression[i] == '"')
                {
                    inQuotes = !inQuotes;
                    if (!quotedWhole)
                    {
                        text.Append('"');
                    }
                }
                else
                {
                    text.Append(expression[i]);
                }
                i++;
            }
            if (inQuotes)
            {
                throw new FilterException($"the quote at {start + 1} is not closed", start);
            }
            tokens.Add(new Token(text.ToString(), start, quotedWhole));
        }
        return tokens;
    }
}
