using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Handlers;
using RegDiag.Lab.Routing;

namespace RegDiag.Lab.Auth;

/// <summary>The access a request needs, as distribution's appendAccessRecords decides it.</summary>
internal static class RequiredAccess
{
    public static IReadOnlyList<AccessRecord> For(RequestContext context)
    {
        var route = context.Route;
        var method = context.Request.Method;
        var records = new List<AccessRecord>();
        if (route.Kind == RouteKind.Base)
        {
            return records;
        }
        if (route.Kind == RouteKind.Catalog)
        {
            records.Add(new AccessRecord("registry", "catalog", "*"));
            return records;
        }
        var name = route.Name!;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            records.Add(new AccessRecord("repository", name, "pull"));
        }
        else if (HttpMethods.IsDelete(method) && route.Kind is RouteKind.Manifest or RouteKind.Blob)
        {
            records.Add(new AccessRecord("repository", name, "delete"));
        }
        else
        {
            records.Add(new AccessRecord("repository", name, "pull"));
            records.Add(new AccessRecord("repository", name, "push"));
            var from = context.Request.Query["from"].ToString();
            if (route.Kind == RouteKind.BlobUpload && from.Length > 0 && context.Request.Query["mount"].Count > 0)
            {
                records.Add(new AccessRecord("repository", from, "pull"));
            }
        }
        return records;
    }
}
