namespace RegDiag.Proxy.Connect;

/// <summary>
/// The CONNECT target of an intercepted tunnel, stored in the connection's items for the request handler,
/// which forwards every request of the tunnel to this authority over TLS.
/// </summary>
internal sealed record TunnelInfo(string Host, int Port, string? ClientSni, bool Tls = true)
{
    public const string ItemKey = "regdiag.tunnel";

    /// <summary>The scheme of the requests inside the tunnel: https, or http for a client speaking plain HTTP in it.</summary>
    public string Scheme => Tls ? "https" : "http";

    /// <summary>host:port as in the CONNECT line, IPv6 addresses bracketed.</summary>
    public string Authority => (Host.Contains(':') ? $"[{Host}]" : Host) + ":" + Port;
}
