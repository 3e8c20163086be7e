using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Errors;
using RegDiag.Lab.Routing;

namespace RegDiag.Lab.Handlers;

/// <summary>
/// One API request on its way through the dispatcher (distribution's handlers.Context): handlers append
/// errors instead of writing them, the dispatcher serves and logs them in one place.
/// </summary>
internal sealed class RequestContext(HttpContext http, RouteMatch route, LabServices services)
{
    public HttpContext Http { get; } = http;
    public RouteMatch Route { get; } = route;
    public LabServices Services { get; } = services;
    public List<RegistryError> Errors { get; } = [];

    /// <summary>The repository name (vars.name).</summary>
    public string Name => Route.Name ?? "";

    public HttpRequest Request => Http.Request;
    public HttpResponse Response => Http.Response;
    public CancellationToken Aborted => Http.RequestAborted;

    public void Fail(ErrorDescriptor code, object? detail = null) => Errors.Add(RegistryError.Of(code, detail));

    /// <summary>An absolute URL on this registry as the client addressed it (distribution's urlBuilder).</summary>
    public string Url(string pathAndQuery) => $"{Request.Scheme}://{Request.Host}{pathAndQuery}";
}
