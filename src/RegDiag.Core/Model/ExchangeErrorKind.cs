namespace RegDiag.Core.Model;

/// <summary>The stage at which an exchange failed (compare YARP's ForwarderError).</summary>
public enum ExchangeErrorKind
{
    /// <summary>The upstream host name did not resolve.</summary>
    UpstreamDns,

    /// <summary>The TCP connection to the upstream was refused or timed out.</summary>
    UpstreamConnect,

    /// <summary>The TLS handshake with the upstream failed (certificate not trusted, name mismatch, protocol).</summary>
    UpstreamTls,

    /// <summary>The upstream did not answer in time.</summary>
    UpstreamTimeout,

    /// <summary>The upstream closed or reset the connection mid-exchange.</summary>
    UpstreamReset,

    /// <summary>The client went away before the exchange completed.</summary>
    ClientAborted,

    /// <summary>The client rejected the proxy's certificate (the CA is not trusted).</summary>
    ClientTlsHandshake,

    /// <summary>The client sent something that is not valid HTTP.</summary>
    BadRequest,

    /// <summary>Anything else.</summary>
    Other,
}
