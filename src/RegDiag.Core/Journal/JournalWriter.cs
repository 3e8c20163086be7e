using System.Buffers;
using System.Text.Json;
using RegDiag.Core.Model;

namespace RegDiag.Core.Journal;

/// <summary>
/// Appends exchanges to a JSON-lines file, one line each, written through to the operating system as each
/// exchange completes, so a crash or kill of regdiag loses nothing that was already captured. Safe to call
/// from many threads.
/// </summary>
/// <remarks>
/// fsync costs milliseconds on ordinary disks, and paying it per exchange would pace a burst of small
/// requests by the disk, so the file is synced at most once per <see cref="SyncInterval"/> instead: only a
/// crash of the whole machine can lose that last interval.
/// </remarks>
public sealed class JournalWriter : IDisposable
{
    public static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(1);

    private readonly FileStream _stream;
    private readonly Lock _gate = new();
    private readonly Timer _syncTimer;
    private int _unsynced;

    public JournalWriter(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        // No FileStream buffer: each line goes to the OS in the one write() of its append.
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _syncTimer = new Timer(_ => Sync(), null, SyncInterval, SyncInterval);
    }

    public string Path { get; }

    public void Append(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var line = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(line))
        {
            JsonSerializer.Serialize(json, exchange, JournalJson.Default.Exchange);
        }
        line.Write("\n"u8);
        lock (_gate)
        {
            _stream.Write(line.WrittenSpan);
        }
        Volatile.Write(ref _unsynced, 1);
    }

    public void Dispose()
    {
        using (var stopped = new ManualResetEvent(false))
        {
            // Waits for a sync in progress, so the handle is not closed under it.
            if (_syncTimer.Dispose(stopped))
            {
                stopped.WaitOne();
            }
        }
        lock (_gate)
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
        }
    }

    private void Sync()
    {
        if (Interlocked.Exchange(ref _unsynced, 0) == 1)
        {
            try
            {
                // Outside the lock: appends go on while the disk catches up.
                RandomAccess.FlushToDisk(_stream.SafeFileHandle);
            }
            catch (IOException)
            {
                // The lines already reached the OS; try the sync again at the next interval.
                Volatile.Write(ref _unsynced, 1);
            }
        }
    }
}
