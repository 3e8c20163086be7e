using System.Text.Json;
using RegDiag.Core.Model;

namespace RegDiag.Core.Journal;

/// <summary>
/// Appends exchanges to a JSON-lines file, one line each, flushed to disk as each exchange completes,
/// so a crash or kill loses nothing that was already captured. Safe to call from many threads.
/// </summary>
public sealed class JournalWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _gate = new();

    public JournalWriter(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    public string Path { get; }

    public void Append(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var line = JsonSerializer.SerializeToUtf8Bytes(exchange, JournalJson.Default.Exchange);
        lock (_gate)
        {
            _stream.Write(line);
            _stream.WriteByte((byte)'\n');
            _stream.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stream.Dispose();
        }
    }
}
