using Microsoft.AspNetCore.Http;
using RegDiag.Core.Model;
using RegDiag.Proxy.Recording;
using Yarp.ReverseProxy.Forwarder;

namespace RegDiag.Proxy.Forwarding;

/// <summary>
/// Sends the request as the client sent it: the exact target, the client's Host, every end-to-end header
/// (YARP's base transformer drops only hop-by-hop headers; its Default one would add X-Forwarded-* and
/// replace Host, which breaks SigV4 signatures). Also records the response head when it arrives.
/// </summary>
internal sealed class ExactTransformer(Uri target, ExchangeRecorder recorder) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = target;
        var host = httpContext.Request.Headers.Host.ToString();
        proxyRequest.Headers.Host = host.Length > 0 ? host : null;
        if (proxyRequest.Content == null)
        {
            recorder.MarkRequestSent();
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse != null)
        {
            recorder.MarkRequestSent();
            var headers = ExchangeRecorder.HeadersOf(proxyResponse);
            recorder.ResponseBody?.Describe(headers.Get("Content-Type"), headers.Get("Content-Encoding"));
            recorder.SetResponse(new ResponseRecord
            {
                Status = (int)proxyResponse.StatusCode,
                Reason = proxyResponse.ReasonPhrase,
                HttpVersion = ExchangeRecorder.VersionText(proxyResponse.Version),
                Headers = headers,
            });
        }
        return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }
}
