using System.Buffers;
using System.Text;
using RegDiag.Core.Model;

namespace RegDiag.Proxy.Connect;

/// <summary>
/// The head of a CONNECT request, read by the connection middleware before Kestrel sees the connection
/// (Kestrel has no CONNECT support). Only CONNECT is parsed here; anything else goes to Kestrel untouched.
/// </summary>
internal sealed record ProxyRequestHead(string Method, string Target, string Version, IReadOnlyList<Header> Headers)
{
    public const int MaxLength = 32 * 1024;

    private static readonly byte[] ConnectPrefix = "CONNECT "u8.ToArray();
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    public enum Outcome
    {
        /// <summary>Not a CONNECT request: hand the bytes to Kestrel.</summary>
        NotConnect,

        /// <summary>More bytes are needed to decide.</summary>
        NeedMore,

        /// <summary>A complete CONNECT head was parsed.</summary>
        Complete,

        /// <summary>A CONNECT head that is too long or malformed.</summary>
        Invalid,
    }

    public static Outcome TryRead(ReadOnlySequence<byte> buffer, out SequencePosition end, out ProxyRequestHead? head)
    {
        end = buffer.Start;
        head = null;
        var prefixLength = (int)Math.Min(buffer.Length, ConnectPrefix.Length);
        Span<byte> prefix = stackalloc byte[ConnectPrefix.Length];
        buffer.Slice(0, prefixLength).CopyTo(prefix);
        if (!prefix[..prefixLength].SequenceEqual(ConnectPrefix.AsSpan(0, prefixLength)))
        {
            return Outcome.NotConnect;
        }
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> headBytes, EndOfHead))
        {
            return buffer.Length > MaxLength ? Outcome.Invalid : Outcome.NeedMore;
        }
        if (headBytes.Length > MaxLength)
        {
            return Outcome.Invalid;
        }
        end = reader.Position;
        var lines = Encoding.Latin1.GetString(headBytes).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return Outcome.Invalid;
        }
        var headers = new List<Header>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return Outcome.Invalid;
            }
            headers.Add(new Header(line[..colon], line[(colon + 1)..].Trim()));
        }
        head = new ProxyRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
        return Outcome.Complete;
    }
}
