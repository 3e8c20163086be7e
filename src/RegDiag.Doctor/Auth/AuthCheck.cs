using System.Net.Http.Headers;
using System.Text;
using RegDiag.Doctor.Api;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Names;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Auth;

/// <summary>
/// Logs in as the Docker client would: a token for --image's repository with pull and push scope from the
/// challenge's realm (or Basic credentials against /v2/), then reads the token: issuer, audience, times,
/// granted actions, and whether the registry accepts it.
/// </summary>
internal sealed class AuthCheck : IDoctorCheck
{
    /// <summary>distribution's leeway when it checks a token's nbf and exp.</summary>
    private static readonly TimeSpan Leeway = TimeSpan.FromSeconds(60);

    private const string TokenLifetimeFix =
        "make the token service issue tokens that live as long as it announces, and at least a few minutes (5 min is GitLab's default): " +
        "GitLab: Admin Area > Settings > CI/CD > Container Registry > Authorization token duration (minutes) (application setting container_registry_token_expire_delay); " +
        "docker_auth: token.expiration; Harbor: Token Expiration (Minutes); also keep the token service's clock right (see the clock check)";

    public string Id => CheckIds.Auth;
    public string Title => "Authentication and token";
    public TimeSpan Timeout => TimeSpan.FromSeconds(15);
    public IReadOnlyList<string> DependsOn => [CheckIds.Api];
    public bool NeedsHost => true;

    public async Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var api = context.AnsweringApi;
        if (api == null)
        {
            return CheckOutcome.SkipApiDidNotAnswer();
        }
        var options = context.Options;
        using var client = DoctorHttp.CreateForRegistry(context.Trust, Timeout, context.Requests, CheckIds.Auth);
        var repository = options.Image == null ? null : ImageNameValidator.Analyze(options.Image).Path;
        if (api.Status == 200)
        {
            return options.User == null
                ? CheckOutcome.Pass("the registry asks for no authentication")
                : CheckOutcome.Warn("the registry asks for no authentication: --user is not needed, and anyone reaching it can push",
                    "enable auth (htpasswd or token) unless the registry is only reachable by trusted clients");
        }
        var challenge = api.Challenge!;
        if (challenge.IsBasic)
        {
            return await BasicAsync(client, context, cancellationToken);
        }
        if (!challenge.IsBearer)
        {
            return CheckOutcome.Warn($"the registry uses the {challenge.Scheme} scheme, which the doctor does not test", null);
        }

        var scopes = repository == null ? Array.Empty<string>() : [$"repository:{repository}:pull,push"];
        var evidence = new List<string> { $"realm: {challenge.Realm}", $"service: {challenge.Service}" };
        if (repository != null)
        {
            evidence.Add($"requested scope: repository:{repository}:pull,push");
        }
        TokenResult result;
        try
        {
            result = await TokenClient.GetAsync(client, challenge, scopes, options.User, options.Password, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return CheckOutcome.Fail(
                $"the token realm {challenge.Realm} is unreachable: {e.Message}",
                "clients get the token from the realm the registry names; it must resolve and answer from the client's network (auth.token.realm; on GitLab external_url); check DNS, firewall and its TLS certificate",
                evidence);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CheckOutcome.Fail($"the token realm {challenge.Realm} does not answer in time", "check the token server (GitLab: puma/workhorse) and the network path to it", evidence);
        }
        var receivedAt = DateTimeOffset.UtcNow;
        evidence.Add($"GET {result.Url} -> {result.Status}");
        if (result.Status != 200 || result.Token == null)
        {
            context.Publish(new AuthFacts(null, null, receivedAt, result.Clock));
            var body = result.Body.Length > 300 ? result.Body[..300] + "…" : result.Body;
            evidence.Add($"body: {body.Trim()}");
            return result.Status switch
            {
                401 => CheckOutcome.Fail(
                    options.User == null ? "the token server refuses anonymous access" : $"the token server rejects the credentials of {options.User}",
                    result.Body.Contains("HTTP Basic: Access denied", StringComparison.Ordinal)
                        ? "GitLab: with two-factor authentication a personal access token (scope read_registry, write_registry to push) replaces the password; check the user name and the token's scopes and expiry"
                        : "check the user name and password (--password-stdin); a token needs registry scopes",
                    evidence),
                403 => CheckOutcome.Fail($"the token server forbids access: {body.Trim()}",
                    "the user lacks the registry permission on this project (GitLab: Reporter to pull, Developer to push; protection rules)", evidence),
                404 => CheckOutcome.Fail($"the token server answers 404 (GitLab: \"registry not enabled\" for this project?): {body.Trim()}",
                    "enable the container registry for the project, or fix auth.token.realm", evidence),
                _ => CheckOutcome.Fail($"the token server answers {result.Status} without a token", "check the token server's log", evidence),
            };
        }

        var claims = JwtClaims.TryDecode(result.Token);
        context.Publish(new AuthFacts(result.Token, claims, receivedAt, result.Clock));
        if (claims == null)
        {
            evidence.Add("token: opaque (not a JWT)");
        }
        else
        {
            evidence.Add($"iss: {claims.Issuer}; aud: {string.Join(",", claims.Audience)}; sub: {claims.Subject}; kid: {claims.KeyId}");
            evidence.Add($"iat: {claims.IssuedAt:u}; nbf: {claims.NotBefore:u}; exp: {claims.Expires:u}" +
                (claims.Expires != null && claims.IssuedAt != null ? $" (lifetime {TokenLifetime.Seconds(claims.Expires.Value - claims.IssuedAt.Value)})" : ""));
            evidence.Add($"access: {(claims.Access.Count == 0 ? "(none)" : string.Join("; ", claims.Access))}");
        }

        // Times, judged with this machine's clock (the clock check says whether that clock is right).
        if (claims?.Expires is { } exp && exp + Leeway < receivedAt)
        {
            return CheckOutcome.Fail($"the token is already expired (exp {exp:u}, now {receivedAt:u}): a clock is off",
                "synchronise the clocks of the token server, the registry and this machine (NTP); see the clock check", evidence);
        }
        if (claims?.NotBefore is { } nbf && nbf - Leeway > receivedAt)
        {
            return CheckOutcome.Fail($"the token is not valid yet (nbf {nbf:u}, now {receivedAt:u}): the token server's clock is ahead",
                "synchronise the clocks (NTP); distribution allows 60 s of skew", evidence);
        }
        if (challenge.Service != null && claims != null && claims.Audience.Count > 0 && !claims.Audience.Contains(challenge.Service))
        {
            return CheckOutcome.Fail($"the token's audience ({string.Join(",", claims.Audience)}) is not the registry's service ({challenge.Service}): the registry says \"token intended for another audience\"",
                "make auth.token.service in the registry config match what the token server issues", evidence);
        }

        // Does the registry accept the token? /v2/ checks signature, issuer, audience and times without
        // touching a repository (a 404 NAME_UNKNOWN would read as a failure in the registry's log).
        var probe = new Uri(api.BaseUri, "v2/");
        using var request = new HttpRequestMessage(HttpMethod.Get, probe);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.Token);
        using var response = await client.SendAsync(request, cancellationToken);
        evidence.Add($"GET {probe.AbsolutePath} with the token -> {(int)response.StatusCode}");
        if ((int)response.StatusCode == 401)
        {
            var error = AuthChallenge.Parse(response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString())?.Error;
            return CheckOutcome.Fail(
                $"the registry rejects the token the token server issued{(error == null ? "" : $" (error=\"{error}\")")}",
                "the registry cannot verify it: the signing key does not match auth.token.rootcertbundle (GitLab: gitlab-registry.key vs registry.crt; run gitlab-ctl reconfigure), or issuer/service differ, or the clocks differ by more than 60 s; the registry's log names which (doctor --log)",
                evidence);
        }

        // Judged by the token service's own clock (its Date header), the one exp was computed with.
        var lifetime = TokenLifetime.Of(claims, result.ExpiresIn, result.Clock?.Remote.AddMilliseconds(500) ?? receivedAt);
        evidence.Add(lifetime.Describe());
        if (lifetime.WithinLeeway)
        {
            return CheckOutcome.Warn(
                $"tokens are usable for {TokenLifetime.Seconds(lifetime.Usable!.Value)}, less than the {lifetime.HeldSeconds} s Docker and skopeo hold them: distribution's 60 s leeway covers the gap, registries without one refuse them (\"unauthorized: authentication required\")",
                TokenLifetimeFix, evidence);
        }
        if (lifetime.ExpiresWhileHeld)
        {
            var usable = TokenLifetime.Seconds(lifetime.Usable!.Value);
            return CheckOutcome.Fail(
                lifetime.AnnouncedSeconds is { } announced && announced > lifetime.Usable.Value.TotalSeconds
                    ? $"tokens expire {usable} after they are issued, but the token service announces {announced} s (expires_in): Docker and skopeo reuse a token for the announced time, so their requests after {usable} fail with \"unauthorized: authentication required\" and a longer push fails midway (registry log: \"token not to be used after …\")"
                    : $"tokens live only {usable}: Docker and skopeo reuse a token for at least 60 s whatever is announced, so their requests after {usable} fail with \"unauthorized: authentication required\" and a longer push fails midway (registry log: \"token not to be used after …\")",
                TokenLifetimeFix, evidence);
        }
        if (lifetime.AnnouncedTooShort)
        {
            return CheckOutcome.Warn(
                $"the token service announces tokens for {lifetime.AnnouncedSeconds} s (expires_in), less than the 60 s Docker and skopeo hold any token: if they really expire that early, requests in between fail with \"unauthorized: authentication required\"",
                TokenLifetimeFix, evidence);
        }

        if (repository == null || claims == null)
        {
            return CheckOutcome.Pass(
                $"got a token from {challenge.Realm}{(options.User == null ? " anonymously" : $" as {options.User}")} and the registry accepts it" +
                (repository == null ? " (give --image to check pull/push scope)" : ""),
                evidence);
        }
        var actions = claims.ActionsFor(repository);
        var granted = actions.Count == 0 ? "nothing" : string.Join(",", actions);
        if (options.User == null)
        {
            return CheckOutcome.Pass($"anonymous token for {repository} grants {granted} (give --user and --password-stdin to check push)", evidence);
        }
        var missing = new[] { "pull", "push" }.Where(a => !actions.Contains(a) && !actions.Contains("*")).ToList();
        if (missing.Count > 0)
        {
            return CheckOutcome.Fail(
                $"insufficient scope: {options.User} gets {granted} on {repository}, not {string.Join(" and ", missing)}: Docker says \"denied: requested access to the resource is denied\"",
                "the token server dropped the action: give the user the role that allows it (GitLab: Developer or higher to push, Reporter to pull; deploy/access tokens need write_registry/read_registry), or check protected container repository rules and that the repository path is right",
                evidence);
        }
        return CheckOutcome.Pass($"{options.User} gets pull and push on {repository}; the registry accepts the token (expires {claims.Expires:HH:mm:ss} UTC)", evidence);
    }

    private static async Task<CheckOutcome> BasicAsync(HttpClient client, DoctorContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var api = context.Get<ApiFacts>()!;
        if (options.User == null)
        {
            return CheckOutcome.Skip("the registry wants Basic credentials: give --user and --password-stdin to check them");
        }
        var url = new Uri(api.BaseUri, "v2/");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
        using var response = await client.SendAsync(request, cancellationToken);
        var evidence = new List<string> { $"GET {url} with Basic credentials -> {(int)response.StatusCode}" };
        context.Publish(new AuthFacts(null, null, DateTimeOffset.UtcNow, null));
        return response.IsSuccessStatusCode
            ? CheckOutcome.Pass($"the registry accepts the Basic credentials of {options.User}", evidence)
            : CheckOutcome.Fail($"the registry rejects the Basic credentials of {options.User}: Docker says \"unauthorized: authentication required\"",
                "check the user and password; htpasswd entries must be bcrypt", evidence);
    }

}
