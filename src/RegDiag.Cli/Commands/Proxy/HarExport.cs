using RegDiag.Core;
using RegDiag.Core.Har;
using RegDiag.Core.Journal;
using RegDiag.Core.Redaction;

namespace RegDiag.Cli.Commands.Proxy;

/// <summary>
/// `regdiag proxy --save FILE.har`: at exit, the session journal is streamed into a HAR through the shared
/// writer and its redactor, so the export costs the memory of one exchange whatever the capture's size.
/// </summary>
internal sealed class HarExport(string path, RedactionOptions redaction)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public bool Redacted => redaction.Enabled;

    /// <summary>Fails at start rather than after an hour of capture when the file cannot be written.</summary>
    public void CheckWritable()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
        {
            throw new InputException($"--save {Path}: the directory {directory} does not exist");
        }
    }

    public long WriteFrom(string journalPath)
    {
        long count = 0;
        HarWriter.WriteFile(JournalReader.Read(journalPath).Select(e => { count++; return e; }), Path, redaction);
        return count;
    }
}
