using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace RegDiag.Doctor.Reachability;

/// <summary>What a port speaks: TLS, plain HTTP, or something else (with what it said).</summary>
internal static class ProtocolProbe
{
    public enum Answer { Tls, PlainHttp, Other }

    /// <summary>Opens a TLS handshake and looks at what comes back (certificates are judged by the tls check).</summary>
    public static async Task<(Answer Answer, string Detail)> ProbeTlsAsync(IPAddress address, int port, string host, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient(address.AddressFamily);
        await tcp.ConnectAsync(address, port, cancellationToken);
        var recording = new RecordingStream(tcp.GetStream());
        await using var ssl = new SslStream(recording, false);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions { TargetHost = host, RemoteCertificateValidationCallback = (_, _, _, _) => true },
                cancellationToken);
            return (Answer.Tls, $"TLS handshake completed ({ssl.SslProtocol})");
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            var received = recording.Received;
            var text = Encoding.ASCII.GetString(received);
            if (text.StartsWith("HTTP/", StringComparison.Ordinal))
            {
                return (Answer.PlainHttp, FirstLine(text));
            }
            return (Answer.Other, received.Length == 0 ? $"the server closed the connection during the TLS handshake ({e.Message})" : $"TLS handshake failed: {e.Message}");
        }
    }

    /// <summary>Sends a plain HTTP request and looks at the answer: HTTP, or a TLS alert/record.</summary>
    public static async Task<(Answer Answer, string Detail)> ProbeHttpAsync(IPAddress address, int port, string authority, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient(address.AddressFamily);
        await tcp.ConnectAsync(address, port, cancellationToken);
        var stream = tcp.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET /v2/ HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nUser-Agent: regdiag-doctor\r\n\r\n");
        await stream.WriteAsync(request, cancellationToken);
        var buffer = new byte[1024];
        var read = 0;
        try
        {
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }
        }
        catch (IOException)
        {
            // A TLS server often resets after its alert; what arrived before is enough.
        }
        if (read > 0 && (buffer[0] == 0x15 || buffer[0] == 0x16) && buffer.Length > 2 && buffer[1] == 0x03)
        {
            return (Answer.Tls, "the server answered with a TLS record");
        }
        var text = Encoding.ASCII.GetString(buffer, 0, read);
        if (text.StartsWith("HTTP/", StringComparison.Ordinal))
        {
            // nginx and Go's TLS servers answer plain HTTP on their TLS port with a 400 saying so.
            foreach (var phrase in (string[])["plain HTTP request was sent to HTTPS port", "Client sent an HTTP request to an HTTPS server"])
            {
                if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
                {
                    return (Answer.Tls, $"{FirstLine(text)}: \"{phrase}\"");
                }
            }
            return (Answer.PlainHttp, FirstLine(text));
        }
        return (Answer.Other, read == 0 ? "the server closed the connection without answering" : $"unrecognised answer: {FirstLine(text)}");
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\r');
        return end < 0 ? text.Trim() : text[..end];
    }
}
