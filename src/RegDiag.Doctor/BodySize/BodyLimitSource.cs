namespace RegDiag.Doctor.BodySize;

/// <summary>
/// Who answers 413 to a large body and where its limit is set, recognised by the answer's Server header or
/// body. The limit is almost never the registry's own (distribution has none): it belongs to a hop in front.
/// </summary>
/// <param name="Markers">Case-insensitive words of the Server header or body that name this hop.</param>
/// <param name="Who">The hop and its setting, for the finding.</param>
/// <param name="Fix">Where to lift the limit.</param>
internal sealed record BodyLimitSource(IReadOnlyList<string> Markers, string Who, string Fix)
{
    private static readonly BodyLimitSource[] Known =
    [
        new(["nginx", "openresty"],
            "an nginx in front of the registry (client_max_body_size, 1 MiB unless set)",
            "set client_max_body_size 0; where that nginx proxies the registry, on every nginx hop (GitLab's bundled registry nginx has it; an extra proxy or load balancer in front usually does not); Kubernetes ingress-nginx: annotation nginx.ingress.kubernetes.io/proxy-body-size: \"0\""),
        new(["cloudflare"],
            "Cloudflare's proxy (its request body limit: 100 MB on the Free and Pro plans)",
            "serve the registry's host DNS-only (not proxied through Cloudflare), or keep every layer under the plan's limit"),
        new(["envoy", "istio"],
            "an Envoy proxy (Istio, Contour, Emissary) buffering request bodies",
            "raise or remove the body buffer limit on the registry's route (buffer filter max_request_bytes, per_connection_buffer_limit_bytes), or stop buffering /v2/ requests"),
        new(["apache", "httpd"],
            "an Apache httpd in front of the registry (LimitRequestBody)",
            "set LimitRequestBody 0 in the virtual host that proxies the registry"),
    ];

    private static readonly BodyLimitSource Unknown = new([],
        "a proxy or load balancer in front of the registry",
        "allow unlimited request bodies for the registry's /v2/ paths on every hop: nginx client_max_body_size 0, ingress-nginx proxy-body-size \"0\", Apache LimitRequestBody 0, or the WAF rule that caps bodies");

    /// <summary>The hop that answered, from the Server header first, then the body (nginx names itself in its error page).</summary>
    public static BodyLimitSource Identify(string? server, string? body)
    {
        foreach (var text in new[] { server, body })
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }
            var known = Known.FirstOrDefault(k => k.Markers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)));
            if (known != null)
            {
                return known;
            }
        }
        return Unknown;
    }
}
