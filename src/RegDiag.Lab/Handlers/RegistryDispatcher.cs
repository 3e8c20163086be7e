using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Errors;
using RegDiag.Lab.Routing;
using RegDiag.Lab.Scenarios;

namespace RegDiag.Lab.Handlers;

/// <summary>
/// Every registry request passes here, in the order a real deployment applies it:
/// <code>
/// client ─► [front proxy: body-too-large 413] ─► /v2 router ─► health (503) ─► flaky ─► name rules
///        ─► access controller (401/403) ─► resource handler ─► errors served as JSON ─► log + metrics
/// </code>
/// </summary>
internal sealed class RegistryDispatcher(LabServices services)
{
    private const string ApiVersionHeader = "Docker-Distribution-API-Version";

    public async Task HandleAsync(HttpContext http)
    {
        if (services.Scenarios.Has(LabScenarios.BodyTooLarge)
            && await FrontProxyLimit.RejectIfTooLargeAsync(http, services.Options.BodyLimitBytes))
        {
            return;
        }
        if (services.Tokens != null && http.Request.Path == Auth.TokenService.RealmPath)
        {
            await services.Tokens.HandleTokenRequestAsync(http);
            return;
        }
        // distribution sets the version header before routing, so even its 404 page carries it.
        http.Response.Headers[ApiVersionHeader] = "registry/2.0";
        var route = RouteMatcher.Match(http.Request.Path.Value ?? "");
        if (route == null)
        {
            await PlainResponses.NotFoundAsync(http.Response);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var counting = new CountingResponseStream(http.Response.Body);
        http.Response.Body = counting;
        var context = new RequestContext(http, route, services);
        services.Metrics.Started();
        try
        {
            await DispatchAsync(context);
        }
        catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            // distribution answers any storage or internal failure with 500 UNKNOWN and the error as detail
            // (e.g. err.detail="s3aws: AccessDenied: Access Denied"); the client sees only "unknown error".
            context.Fail(ErrorCodes.Unknown, e.Message);
        }
        finally
        {
            if (context.Errors.Count > 0 && !http.Response.HasStarted)
            {
                await ErrorResponse.WriteAsync(http.Response, context.Errors, http.RequestAborted);
            }
            var duration = Stopwatch.GetElapsedTime(started);
            services.Metrics.Completed(route.HandlerLabel, http.Request.Method, http.Response.StatusCode, duration);
            Log(context, counting.Written, duration);
        }
    }

    private async Task DispatchAsync(RequestContext context)
    {
        var health = await services.Health.CurrentAsync(context.Aborted);
        if (health.Count > 0)
        {
            context.Fail(ErrorCodes.Unavailable, "health check failed: please see /debug/health");
            return;
        }
        if (services.Scenarios.Has(LabScenarios.Flaky) && services.Flaky.Next() is { } injected)
        {
            context.Errors.Add(injected);
            return;
        }
        if (context.Route.Name is { } name && NameRules.Check(name, services.Scenarios) is { } nameError)
        {
            context.Fail(ErrorCodes.NameInvalid, nameError);
            return;
        }
        if (services.Tokens != null && !await services.Tokens.AuthorizeAsync(context))
        {
            return;
        }
        await (context.Route.Kind switch
        {
            RouteKind.Base => BaseHandler.HandleAsync(context),
            RouteKind.Catalog => CatalogHandler.HandleAsync(context),
            RouteKind.Tags => TagsHandler.HandleAsync(context),
            RouteKind.Manifest => ManifestHandler.HandleAsync(context),
            RouteKind.Blob => BlobHandler.HandleAsync(context),
            RouteKind.BlobUpload or RouteKind.BlobUploadChunk => BlobUploadHandler.HandleAsync(context),
            RouteKind.Referrers => ReferrersHandler.HandleAsync(context),
            _ => PlainResponses.NotFoundAsync(context.Response),
        });
    }

    /// <summary>distribution's access log: "response completed", preceded by one error line per error.</summary>
    private void Log(RequestContext context, long written, TimeSpan duration)
    {
        var request = context.Request;
        var fields = new List<KeyValuePair<string, object?>>
        {
            new("go.version", "go1.19.8"),
            new("http.request.host", request.Host.Value),
            new("http.request.id", context.Http.TraceIdentifier),
            new("http.request.method", request.Method),
            new("http.request.remoteaddr", context.Http.Connection.RemoteIpAddress?.ToString()),
            new("http.request.uri", request.Path.Value + request.QueryString.Value),
            new("http.request.useragent", request.Headers.UserAgent.ToString()),
            new("instance.id", services.InstanceId),
            new("service", "registry"),
            new("version", "v2.8.2+regdiag-lab"),
            new("vars.name", context.Route.Name),
        };
        var variable = context.Route.Kind switch
        {
            RouteKind.Manifest => "vars.reference",
            RouteKind.Blob or RouteKind.Referrers => "vars.digest",
            RouteKind.BlobUploadChunk => "vars.uuid",
            _ => null,
        };
        if (variable != null)
        {
            fields.Add(new(variable, context.Route.Reference));
        }
        if (context.Services.Tokens != null && context.Http.Items["auth.user.name"] is string user)
        {
            fields.Add(new("auth.user.name", user));
        }
        var response = new List<KeyValuePair<string, object?>>(fields)
        {
            new("http.response.contenttype", context.Response.ContentType),
            new("http.response.duration", FormatDuration(duration)),
            new("http.response.status", context.Response.StatusCode),
            new("http.response.written", written),
        };
        foreach (var error in context.Errors)
        {
            var errorFields = new List<KeyValuePair<string, object?>>(response)
            {
                new("err.code", error.Code.LogName),
                new("err.message", error.Message),
                new("err.detail", error.Detail is string text ? text : error.Detail == null ? null : System.Text.Json.JsonSerializer.Serialize(error.Detail)),
            };
            services.Log.Write("error", "response completed with error", errorFields);
        }
        services.Log.Write("info", "response completed", response);
    }

    /// <summary>Go's time.Duration formatting, e.g. 1.234567ms or 2.5s.</summary>
    private static string FormatDuration(TimeSpan duration)
    {
        var ms = duration.TotalMilliseconds;
        return ms >= 1000
            ? (ms / 1000).ToString("0.######", CultureInfo.InvariantCulture) + "s"
            : ms.ToString("0.######", CultureInfo.InvariantCulture) + "ms";
    }
}
