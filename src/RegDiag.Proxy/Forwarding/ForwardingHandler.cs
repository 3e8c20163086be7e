using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using RegDiag.Core.Model;
using RegDiag.Proxy.Connect;
using RegDiag.Proxy.Recording;
using Yarp.ReverseProxy.Forwarder;

namespace RegDiag.Proxy.Forwarding;

/// <summary>
/// Kestrel's request handler: forwards each request (inside an intercepted tunnel, or absolute-form plain
/// http) with YARP's IHttpForwarder, streaming both bodies through taps that hash and count them, and
/// publishes the completed exchange. Failures give the client a 502/504 with a one-line reason.
/// </summary>
internal sealed class ForwardingHandler(
    IHttpForwarder forwarder, UpstreamClients upstreams, ExchangePublisher publisher, TimeSpan activityTimeout)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var tunnel = context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(TunnelInfo.ItemKey, out var item) == true
            ? item as TunnelInfo
            : null;
        var ok = UpstreamTarget.TryCreate(tunnel, rawTarget, out var target, out var url, out var problem);
        var recorder = new ExchangeRecorder(
            new RequestRecord
            {
                Method = context.Request.Method,
                Url = url,
                HttpVersion = context.Request.Protocol,
                Headers = HeadersOf(context.Request.Headers),
            },
            context.Connection.RemoteIpAddress == null
                ? null
                : new IPEndPoint(context.Connection.RemoteIpAddress, context.Connection.RemotePort).ToString(),
            context.Connection.Id);
        // Published once the response is complete (Kestrel writes a chunked body's end after this handler
        // returns), so the recorded end is the real one and the journal's flush never delays the client.
        context.Response.OnCompleted(() =>
        {
            publisher.Publish(recorder);
            return Task.CompletedTask;
        });
        if (!ok)
        {
            await FailAsync(context, recorder, ProxyFailure.BadRequest(problem!));
            return;
        }
        if (target!.IsLoopback && target.Port == context.Connection.LocalPort && tunnel == null)
        {
            await FailAsync(context, recorder, ProxyFailure.BadRequest($"'{url}' is this proxy itself: forwarding it would loop"));
            return;
        }
        await ForwardAsync(context, tunnel, target!, recorder);
    }

    private async Task ForwardAsync(HttpContext context, TunnelInfo? tunnel, Uri target, ExchangeRecorder recorder)
    {
        var requestTap = new BodyTap(context.Request.Body, recorder.MarkRequestSent);
        requestTap.Describe(context.Request.ContentType, context.Request.Headers.ContentEncoding);
        context.Request.Body = requestTap;
        recorder.RequestBody = requestTap;
        var responseTap = new BodyTap(context.Response.Body);
        context.Response.Body = responseTap;
        recorder.ResponseBody = responseTap;

        // Pin the upstream to the client's version, so the proxy does not change the protocol under the
        // client. The exceptions: the client's h2 was negotiated with the proxy before the upstream's ALPN was
        // known, so an HTTP/1.1-only upstream gets HTTP/1.1, and so does a client-SNI route, which offers only
        // HTTP/1.1 (the record shows both versions).
        var version = VersionOf(context.Request.Protocol);
        // Held until the forwarder is done with the upstream client (a bounded per-SNI client may be evicted meanwhile).
        using var route = upstreams.Route(tunnel, target, context.Request.Host, version);
        var (upstream, sendTo) = (route.Client, route.Target);
        if (sendTo.Scheme != target.Scheme && version.Major >= 2)
        {
            version = HttpVersion.Version11;
        }
        var config = new ForwarderRequestConfig
        {
            Version = version,
            VersionPolicy = version.Major >= 2 ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact,
            ActivityTimeout = activityTimeout,
        };
        var upstreamName = target.GetLeftPart(UriPartial.Authority);
        var error = await forwarder.SendAsync(
            context, upstreamName, upstream, config, new ExactTransformer(sendTo, recorder), context.RequestAborted);
        if (error == ForwarderError.None)
        {
            return;
        }
        var failure = ProxyFailure.FromForwarder(error, context.Features.Get<IForwarderErrorFeature>()?.Exception, upstreamName);
        await FailAsync(context, recorder, failure);
    }

    private static async Task FailAsync(HttpContext context, ExchangeRecorder recorder, ProxyFailure failure)
    {
        recorder.Fail(failure.ToError());
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return; // Too late for a status: the client sees the connection end instead.
        }
        try
        {
            context.Response.Clear();
            context.Response.StatusCode = failure.Status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("regdiag: " + failure.Reason + "\n");
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
        }
    }

    private static Version VersionOf(string protocol) => protocol switch
    {
        "HTTP/2" => HttpVersion.Version20,
        "HTTP/1.0" => HttpVersion.Version10,
        "HTTP/3" => HttpVersion.Version30,
        _ => HttpVersion.Version11,
    };

    private static List<Header> HeadersOf(IHeaderDictionary headers)
    {
        var list = new List<Header>(headers.Count);
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                list.Add(new Header(name, value ?? ""));
            }
        }
        return list;
    }
}
