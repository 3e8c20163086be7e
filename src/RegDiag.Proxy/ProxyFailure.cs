using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using RegDiag.Core.Model;
using Yarp.ReverseProxy.Forwarder;

namespace RegDiag.Proxy;

/// <summary>
/// A failure of the proxy itself (not an HTTP error of the upstream): the stage it happened at, the status the
/// client is given (502, 504, 400) and a one-line reason in the user's terms. Every failure the proxy records
/// is classified here and only here, so the journal, the console and the views read the same words.
/// </summary>
internal sealed record ProxyFailure(ExchangeErrorKind Kind, int Status, string Reason)
{
    public const string InstallCaHint =
        "trust the RegDiag CA on the client: run install-ca.sh (see 'regdiag ca path'), or pass --passthrough for this host";

    public ExchangeError ToError() => new(Kind, Reason);

    /// <summary>Classifies what YARP reported for a forwarded request.</summary>
    public static ProxyFailure FromForwarder(ForwarderError error, Exception? exception, string upstream) => error switch
    {
        ForwarderError.RequestTimedOut => new(ExchangeErrorKind.UpstreamTimeout, 504, $"{upstream} did not answer in time ({Innermost(exception)})"),
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled =>
            new(ExchangeErrorKind.ClientAborted, 502, $"the client went away before the exchange with {upstream} completed"),
        ForwarderError.RequestBodyClient =>
            new(ExchangeErrorKind.ClientAborted, 502, $"the client stopped sending the request body to {upstream}: {Innermost(exception)}"),
        ForwarderError.ResponseBodyClient =>
            new(ExchangeErrorKind.ClientAborted, 502, $"the client stopped reading the response from {upstream}: {Innermost(exception)}"),
        ForwarderError.RequestBodyDestination =>
            new(ExchangeErrorKind.UpstreamReset, 502, $"{upstream} stopped accepting the request body: {Innermost(exception)}"),
        ForwarderError.ResponseBodyDestination =>
            new(ExchangeErrorKind.UpstreamReset, 502, $"{upstream} broke off the response body: {Innermost(exception)}"),
        ForwarderError.Request => FromRequestException(exception, upstream),
        _ => new(ExchangeErrorKind.Other, 502, $"forwarding to {upstream} failed ({error}): {Innermost(exception)}"),
    };

    /// <summary>Classifies a failure to open a connection to the upstream (passthrough tunnels).</summary>
    public static ProxyFailure FromConnect(Exception exception, string upstream) => exception switch
    {
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
            new(ExchangeErrorKind.UpstreamDns, 502, $"cannot resolve the host of {upstream}: {exception.Message}"),
        OperationCanceledException or TimeoutException =>
            new(ExchangeErrorKind.UpstreamConnect, 504, $"connecting to {upstream} timed out"),
        _ => new(ExchangeErrorKind.UpstreamConnect, 502, $"cannot connect to {upstream}: {Innermost(exception)}"),
    };

    /// <summary>The client's TLS handshake with the proxy failed: most often, it does not trust the CA.</summary>
    public static ProxyFailure ClientTlsHandshake(string host, Exception exception)
    {
        var detail = exception is OperationCanceledException ? "the handshake timed out" : Innermost(exception);
        return new(ExchangeErrorKind.ClientTlsHandshake, 0,
            $"the client's TLS handshake for {host} failed ({detail}): the client probably rejected the proxy's certificate; {InstallCaHint}");
    }

    public static ProxyFailure BadRequest(string reason) => new(ExchangeErrorKind.BadRequest, 400, reason);

    private static ProxyFailure FromRequestException(Exception? exception, string upstream)
    {
        var reason = Innermost(exception);
        if (exception is HttpRequestException http)
        {
            switch (http.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                    return new(ExchangeErrorKind.UpstreamDns, 502, $"cannot resolve the host of {upstream}: {reason}");
                case HttpRequestError.ConnectionError:
                    return new(ExchangeErrorKind.UpstreamConnect, 502, $"cannot connect to {upstream}: {reason}");
                case HttpRequestError.SecureConnectionError:
                    return new(ExchangeErrorKind.UpstreamTls, 502,
                        $"TLS with {upstream} failed: {reason} (for a private CA pass --upstream-ca FILE; --insecure-upstream skips the check)");
                case HttpRequestError.ResponseEnded:
                    return new(ExchangeErrorKind.UpstreamReset, 502, $"{upstream} closed the connection without a response: {reason}");
            }
        }
        if (exception is OperationCanceledException && exception.InnerException is TimeoutException)
        {
            return new(ExchangeErrorKind.UpstreamConnect, 504, $"connecting to {upstream} timed out");
        }
        if (Find<AuthenticationException>(exception) != null)
        {
            return new(ExchangeErrorKind.UpstreamTls, 502, $"TLS with {upstream} failed: {reason}");
        }
        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
                ? new(ExchangeErrorKind.UpstreamDns, 502, $"cannot resolve the host of {upstream}: {reason}")
                : new(ExchangeErrorKind.UpstreamReset, 502, $"the connection to {upstream} failed: {reason}");
        }
        return new(ExchangeErrorKind.Other, 502, $"forwarding to {upstream} failed: {reason}");
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>The most specific message of an exception chain, on one line.</summary>
    internal static string Innermost(Exception? exception)
    {
        if (exception == null)
        {
            return "no detail";
        }
        var e = exception;
        while (e.InnerException != null)
        {
            e = e.InnerException;
        }
        var message = e.Message.ReplaceLineEndings(" ").Trim();
        return e == exception ? message : $"{message} ({exception.Message.ReplaceLineEndings(" ").Trim()})";
    }
}
