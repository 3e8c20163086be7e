using System.Text;
using RegDiag.Core.Har;
using RegDiag.Core.Journal;
using RegDiag.Core.Model;

namespace RegDiag.Core.Import;

/// <summary>
/// Opens a capture by its content, not its name: a journal (JSON lines) or a HAR. Streaming; every problem
/// with the file is an <see cref="InputException"/> naming the file (the CLI turns it into exit code 2).
/// </summary>
public static class CaptureLoader
{
    public static IEnumerable<Exchange> Load(string path) => Detect(path) switch
    {
        CaptureFormat.Journal => ReadJournal(path),
        _ => HarReader.Read(path),
    };

    /// <summary>Which format the file holds, from its first bytes.</summary>
    public static CaptureFormat Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory, expected a HAR or journal file");
        }
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: no such file");
        }
        string head;
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[4096];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            head = Encoding.UTF8.GetString(buffer, 0, read).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read ({e.Message})", e);
        }
        if (head.Length == 0)
        {
            throw new InputException($"{path}: empty file, expected a HAR or journal");
        }
        if (head.StartsWith("{\"id\":", StringComparison.Ordinal))
        {
            return CaptureFormat.Journal;
        }
        if (head[0] != '{')
        {
            throw new InputException($"{path}: not a HAR or journal (does not start with a JSON object)");
        }
        return CaptureFormat.Har;
    }

    private static IEnumerable<Exchange> ReadJournal(string path)
    {
        using var enumerator = JournalReader.Read(path).GetEnumerator();
        while (true)
        {
            try
            {
                if (!enumerator.MoveNext())
                {
                    yield break;
                }
            }
            catch (InvalidDataException e)
            {
                throw new InputException(e.Message, e);
            }
            yield return enumerator.Current;
        }
    }
}
