using RegDiag.Core.Model;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Detail;

/// <summary>
/// The redirects an exchange belongs to: the 3xx responses whose Location led to it and the requests its
/// own Location led to, matched by URL among nearby flows (a client follows a redirect at once).
/// </summary>
internal static class RedirectChain
{
    private const int Window = 200;

    public static IReadOnlyList<Flow> Find(Flow flow, IReadOnlyList<Flow> flows)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(flows);
        var index = IndexOf(flow, flows);
        if (index < 0)
        {
            return [flow];
        }
        var chain = new List<Flow> { flow };
        var current = index;
        while (Previous(flows, current) is { } previous)
        {
            chain.Insert(0, flows[previous]);
            current = previous;
        }
        current = index;
        while (Next(flows, current) is { } next)
        {
            chain.Add(flows[next]);
            current = next;
        }
        return chain;
    }

    private static int IndexOf(Flow flow, IReadOnlyList<Flow> flows)
    {
        for (var i = flows.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(flows[i], flow))
            {
                return i;
            }
        }
        return -1;
    }

    private static int? Previous(IReadOnlyList<Flow> flows, int index)
    {
        var url = flows[index].Exchange.Request.Url;
        for (var i = index - 1; i >= Math.Max(0, index - Window); i--)
        {
            if (Location(flows[i].Exchange) == url)
            {
                return i;
            }
        }
        return null;
    }

    private static int? Next(IReadOnlyList<Flow> flows, int index)
    {
        var location = Location(flows[index].Exchange);
        if (location == null)
        {
            return null;
        }
        for (var i = index + 1; i < Math.Min(flows.Count, index + Window); i++)
        {
            if (flows[i].Exchange.Request.Url == location)
            {
                return i;
            }
        }
        return null;
    }

    private static string? Location(Exchange exchange)
    {
        if (exchange.Response is not { Status: >= 300 and < 400 } response || response.Headers.Get("Location") is not { } location)
        {
            return null;
        }
        return Uri.TryCreate(new Uri(exchange.Request.Url), location, out var absolute) ? absolute.OriginalString : location;
    }
}
