using RegDiag.Core.Model;

namespace RegDiag.Core.Har;

/// <summary>
/// Maps another tool's transport-error text (Chrome's net::ERR_*, Go and .NET socket messages, Fiddler's
/// pages) to the stage it names. First matching row wins; the table is data so it grows without branches.
/// </summary>
internal static class ErrorKinds
{
    private static readonly (string Fragment, ExchangeErrorKind Kind)[] Table =
    [
        ("NAME_NOT_RESOLVED", ExchangeErrorKind.UpstreamDns),
        ("DNS Lookup", ExchangeErrorKind.UpstreamDns),
        ("no such host", ExchangeErrorKind.UpstreamDns),
        ("Name or service not known", ExchangeErrorKind.UpstreamDns),
        ("getaddrinfo", ExchangeErrorKind.UpstreamDns),
        ("CERT_", ExchangeErrorKind.UpstreamTls),
        ("SSL", ExchangeErrorKind.UpstreamTls),
        ("certificate", ExchangeErrorKind.UpstreamTls),
        ("x509", ExchangeErrorKind.UpstreamTls),
        ("TLS", ExchangeErrorKind.UpstreamTls),
        ("TIMED_OUT", ExchangeErrorKind.UpstreamTimeout),
        ("timed out", ExchangeErrorKind.UpstreamTimeout),
        ("timeout", ExchangeErrorKind.UpstreamTimeout),
        ("REFUSED", ExchangeErrorKind.UpstreamConnect),
        ("refused", ExchangeErrorKind.UpstreamConnect),
        ("connection to", ExchangeErrorKind.UpstreamConnect),
        ("ADDRESS_UNREACHABLE", ExchangeErrorKind.UpstreamConnect),
        ("unreachable", ExchangeErrorKind.UpstreamConnect),
        ("RESET", ExchangeErrorKind.UpstreamReset),
        ("reset", ExchangeErrorKind.UpstreamReset),
        ("EMPTY_RESPONSE", ExchangeErrorKind.UpstreamReset),
        ("CONNECTION_CLOSED", ExchangeErrorKind.UpstreamReset),
        ("complete response", ExchangeErrorKind.UpstreamReset),
        ("EOF", ExchangeErrorKind.UpstreamReset),
        ("ABORTED", ExchangeErrorKind.ClientAborted),
        ("aborted", ExchangeErrorKind.ClientAborted),
        ("cancel", ExchangeErrorKind.ClientAborted),
    ];

    public static ExchangeErrorKind FromMessage(string message)
    {
        foreach (var (fragment, kind) in Table)
        {
            if (message.Contains(fragment, StringComparison.Ordinal))
            {
                return kind;
            }
        }
        return ExchangeErrorKind.Other;
    }
}
