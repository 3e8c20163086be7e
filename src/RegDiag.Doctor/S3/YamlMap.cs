namespace RegDiag.Doctor.S3;

/// <summary>
/// Reads the block-mapping subset of YAML the registry's config.yml uses (nested "key: value" maps, plain,
/// single- or double-quoted scalars, comments), enough to find storage.s3.*. Hand-written: no YAML library
/// is among the project's packages, and only this subset is needed; sequences and flow styles are skipped.
/// </summary>
internal static class YamlMap
{
    /// <summary>Flattens the document to dotted lower-case paths ("storage.s3.bucket") and their scalar values.</summary>
    public static Dictionary<string, string> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var stack = new List<(int Indent, string Key)>();
        string? line;
        var number = 0;
        while ((line = reader.ReadLine()) != null)
        {
            number++;
            var content = StripComment(line);
            if (content.Trim().Length == 0 || content.TrimStart().StartsWith('-') || content.TrimStart() is "---" or "...")
            {
                continue;
            }
            var indent = content.Length - content.TrimStart().Length;
            var text = content.Trim();
            var colon = FindKeyColon(text);
            if (colon < 0)
            {
                continue;
            }
            var key = Unquote(text[..colon].Trim());
            var value = text[(colon + 1)..].Trim();
            while (stack.Count > 0 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }
            var path = string.Join('.', stack.Select(s => s.Key).Append(key));
            if (value.Length == 0)
            {
                stack.Add((indent, key));
            }
            else if (!value.StartsWith('|') && !value.StartsWith('>') && !value.StartsWith('[') && !value.StartsWith('{'))
            {
                values[path] = Unquote(value);
            }
        }
        return values;
    }

    private static int FindKeyColon(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                return i;
            }
        }
        return -1;
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return line[..i];
            }
        }
        return line;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            var inner = value[1..^1];
            return value[0] == '"' ? inner.Replace("\\\"", "\"").Replace("\\\\", "\\") : inner.Replace("''", "'");
        }
        return value;
    }
}
