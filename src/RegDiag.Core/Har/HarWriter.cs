using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using RegDiag.Core.Capture;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Har;

/// <summary>
/// Writes HAR 1.2, streaming: one entry at a time straight to the stream, so exporting a capture of any size
/// costs the memory of one exchange. Every exchange goes through the <see cref="Redactor"/> first (unless
/// the options say <see cref="RedactionOptions.None"/>). What HAR has no field for (the exact timings, body
/// sizes and SHA-256 digests, the transport error kind, connection and client) is kept in an
/// <c>_regdiag</c> object per entry, which <see cref="HarReader"/> reads back, so journal -> HAR -> analyze
/// loses nothing but the secrets.
/// </summary>
/// <example>
/// <code>
/// using var file = File.Create("capture.har");
/// HarWriter.Write(exchanges, file, RedactionOptions.Default);
/// </code>
/// or, as exchanges arrive: <c>using var har = new HarWriter(stream, options); har.Append(e); ... har.Complete();</c>
/// </example>
public sealed class HarWriter : IExchangeSink, IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Utf8JsonWriter _json;
    private readonly Redactor _redactor;
    private readonly Lock _gate = new();
    private bool _completed;

    public HarWriter(Stream stream, RedactionOptions options, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _redactor = new Redactor(options);
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            SkipValidation = true,
            // A HAR is a file, never embedded in HTML: keep markers and URLs readable ("<redacted …>", "+", "&").
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        WriteHead(options.Enabled);
    }

    /// <summary>Entries written so far.</summary>
    public long Count { get; private set; }

    /// <summary>The I/O failure that stopped <see cref="OnExchange"/> from writing, if any.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Writes a whole HAR document and flushes it; the stream stays open.</summary>
    public static void Write(IEnumerable<Exchange> exchanges, Stream stream, RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        using var writer = new HarWriter(stream, options, leaveOpen: true);
        foreach (var exchange in exchanges)
        {
            writer.Append(exchange);
        }
        writer.Complete();
    }

    /// <summary>Writes a whole HAR document to a new file (replacing an existing one).</summary>
    public static void WriteFile(IEnumerable<Exchange> exchanges, string path, RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(exchanges, stream, options);
    }

    /// <summary>Appends one entry. Safe to call from many threads; entries are written in call order.</summary>
    public void Append(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var redacted = _redactor.Redact(exchange);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            HarEntryWriter.Write(_json, redacted);
            Count++;
            if (_json.BytesPending > FlushThreshold)
            {
                _json.Flush();
            }
        }
    }

    /// <summary>As a capture sink (the proxy's <c>--save</c>): never throws; a write failure is kept in <see cref="Failure"/>.</summary>
    public void OnExchange(Exchange exchange)
    {
        if (Failure != null)
        {
            return;
        }
        try
        {
            Append(exchange);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Failure = e;
        }
    }

    /// <summary>Closes the entries array and the document and flushes; the HAR is valid from here on.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }
            _completed = true;
            _json.WriteEndArray();
            _json.WriteEndObject();
            _json.WriteEndObject();
            _json.Flush();
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        try
        {
            Complete();
        }
        finally
        {
            _json.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void WriteHead(bool redacted)
    {
        _json.WriteStartObject();
        _json.WritePropertyName("log");
        _json.WriteStartObject();
        _json.WriteString("version", "1.2");
        _json.WritePropertyName("creator");
        _json.WriteStartObject();
        _json.WriteString("name", "regdiag");
        _json.WriteString("version", CreatorVersion);
        _json.WriteEndObject();
        _json.WriteString("comment", redacted
            ? "Secrets redacted by RegDiag: values replaced by <redacted sha256:…> markers (a hash prefix, so equal secrets stay equal)."
            : "NOT REDACTED: this file contains credentials, tokens and signed URLs as captured.");
        _json.WritePropertyName("_regdiag");
        _json.WriteStartObject();
        _json.WriteBoolean("redacted", redacted);
        _json.WriteEndObject();
        _json.WritePropertyName("entries");
        _json.WriteStartArray();
    }

    private static readonly string CreatorVersion =
        typeof(HarWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
