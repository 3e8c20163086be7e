using System.Text.Json;
using RegDiag.Core.Model;

namespace RegDiag.Core.Journal;

/// <summary>Reads a journal written by <see cref="JournalWriter"/>, streaming, one exchange per line.</summary>
public static class JournalReader
{
    /// <summary>
    /// Reads every exchange. A last line cut short by a crash is skipped; a malformed line elsewhere
    /// is an error naming the line, since it means the file is not a journal.
    /// </summary>
    public static IEnumerable<Exchange> Read(string path)
    {
        using var reader = new StreamReader(path);
        var lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            Exchange? exchange;
            try
            {
                exchange = JsonSerializer.Deserialize(line, JournalJson.Default.Exchange);
            }
            catch (JsonException e)
            {
                if (reader.EndOfStream)
                {
                    yield break;
                }
                throw new InvalidDataException($"{path}: line {lineNumber} is not a journal entry ({e.Message})", e);
            }
            if (exchange != null)
            {
                yield return exchange;
            }
        }
    }

    /// <summary>True when the file looks like a journal (its first non-blank character opens a JSON object per line).</summary>
    public static bool LooksLikeJournal(string path)
    {
        using var reader = new StreamReader(path);
        var first = reader.ReadLine();
        return first != null && first.TrimStart().StartsWith("{\"id\":", StringComparison.Ordinal);
    }
}
