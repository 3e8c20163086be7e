using RegDiag.Core.Model;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Reachability;

namespace RegDiag.Doctor.Api;

/// <summary>
/// GET /v2/: a registry answers 200, or 401 with a challenge that says where to get a token; it names its
/// API version in Docker-Distribution-API-Version. A 503 here means a health check fails.
/// </summary>
internal sealed class ApiCheck : IDoctorCheck
{
    public string Id => CheckIds.Api;
    public string Title => "Registry API (/v2/)";
    public TimeSpan Timeout => TimeSpan.FromSeconds(10);
    public IReadOnlyList<string> DependsOn => [CheckIds.Reachability, CheckIds.Tls];
    public bool NeedsHost => true;

    public async Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var target = context.Options.Target!;
        var reach = context.Get<ReachabilityFacts>();
        if (reach == null || reach.SpeaksTls != target.Https)
        {
            return CheckOutcome.Skip("the registry is not reachable over " + target.Scheme.ToUpperInvariant() + " (see reachability)");
        }
        var url = new Uri(target.BaseUri, "v2/");
        using var client = DoctorHttp.CreateForRegistry(context.Trust, Timeout, context.Requests, CheckIds.Api);
        var sent = DateTimeOffset.UtcNow;
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(url, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is System.Security.Authentication.AuthenticationException)
        {
            return CheckOutcome.Skip($"the TLS connection is not trusted (see tls): {e.InnerException.Message}");
        }
        catch (HttpRequestException e)
        {
            return CheckOutcome.Fail($"GET {url} failed: {e.Message}", "see the reachability and tls checks", [e.ToString().Split('\n')[0]]);
        }
        using (response)
        {
            var received = DateTimeOffset.UtcNow;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            var version = response.Headers.TryGetValues("Docker-Distribution-API-Version", out var versions) ? versions.First() : null;
            var challenges = response.Headers.WwwAuthenticate.Select(h => AuthChallenge.Parse(h.ToString())).ToList();
            var challenge = challenges.FirstOrDefault(c => c?.IsBearer == true) ?? challenges.FirstOrDefault();
            context.Publish(new ApiFacts(target.BaseUri, status, challenge, version,
                ClockSample.FromResponse("registry Date header", response, sent, received)));

            var evidence = new List<string> { $"GET {url} -> {status} {response.ReasonPhrase} in {(received - sent).TotalMilliseconds:0} ms" };
            evidence.AddRange(response.Headers.WwwAuthenticate.Select(h => $"WWW-Authenticate: {h}"));
            evidence.Add(version == null ? "Docker-Distribution-API-Version: (absent)" : $"Docker-Distribution-API-Version: {version}");
            if (response.Headers.TryGetValues("Server", out var server))
            {
                evidence.Add($"Server: {string.Join(" ", server)}");
            }
            var error = RegistryError.TryParse(body);
            if (error != null)
            {
                evidence.Add($"error body: {error}");
            }

            switch (status)
            {
                case 200 or 401 when status == 401 && challenge == null:
                    return CheckOutcome.Fail(
                        response.Headers.WwwAuthenticate.Count == 0
                            ? "/v2/ answers 401 without a WWW-Authenticate header: clients cannot learn where to authenticate"
                            : $"/v2/ answers 401 with a WWW-Authenticate header that does not parse: {response.Headers.WwwAuthenticate.First()}",
                        "the auth section of the registry config (auth.token realm/service/issuer, or htpasswd) or a proxy in front mangles the header",
                        evidence);
                case 200 or 401:
                    var what = status == 200
                        ? "/v2/ answers 200: no authentication required"
                        : challenge!.IsBearer
                            ? $"/v2/ answers 401 with a Bearer-token challenge (realm {challenge.Realm}, service {challenge.Service})"
                            : $"/v2/ answers 401 with a {challenge.Scheme} challenge (realm {challenge.Realm})";
                    if (challenge?.IsBearer == true && string.IsNullOrEmpty(challenge.Realm))
                    {
                        return CheckOutcome.Fail("the Bearer-token challenge names no realm: clients cannot get a token",
                            "set auth.token.realm in the registry config to the token server's URL", evidence);
                    }
                    if (version == null)
                    {
                        return CheckOutcome.Warn($"{what}, but without Docker-Distribution-API-Version",
                            "a proxy in front may strip headers, or this is not a distribution-compatible registry; clients still work without it", evidence);
                    }
                    return CheckOutcome.Pass($"{what}; {version}", evidence);
                case 503:
                    return CheckOutcome.Fail(
                        error?.Detail?.Contains("health check", StringComparison.OrdinalIgnoreCase) == true
                            ? $"every request gets 503: a registry health check fails ({error.Detail})"
                            : "/v2/ answers 503 Service Unavailable",
                        "run doctor with --debug-addr (the registry's http.debug.addr) to see which health check fails, usually storage (S3 credentials, bucket, region)",
                        evidence);
                case 404:
                    return CheckOutcome.Fail("/v2/ answers 404: no registry API here (a web server, or the wrong port)",
                        "point clients at the registry's own host and port (GitLab: registry_external_url), and route /v2/ to the registry in the reverse proxy", evidence);
                case >= 300 and < 400:
                    return CheckOutcome.Fail($"/v2/ redirects ({status}) to {response.Headers.Location}",
                        "registries must answer /v2/ directly; a redirect here usually comes from a reverse proxy forcing another host or scheme (check X-Forwarded-Proto and Host)", evidence);
                default:
                    return CheckOutcome.Fail($"/v2/ answers {status} {response.ReasonPhrase}",
                        "check the registry's log (doctor --log) and the reverse proxy in front of it", evidence);
            }
        }
    }
}
