using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using RegDiag.Lab.Errors;
using RegDiag.Lab.Handlers;
using RegDiag.Lab.Logging;
using RegDiag.Lab.Scenarios;

namespace RegDiag.Lab.Auth;

/// <summary>
/// Docker token auth on the lab itself: the token server (realm /auth/token, Basic credentials from --user)
/// and the registry's access controller that checks each request's bearer token against the access it needs.
/// <code>
/// client ── GET /v2/ ──────────────────────────► 401 WWW-Authenticate: Bearer realm,service[,scope]
///        ── GET /auth/token?service&amp;scope (Basic) ► 200 {"token","access_token","expires_in","issued_at"}
///        ── GET /v2/... Authorization: Bearer ─► 200, or 401 invalid_token / insufficient_scope
/// </code>
/// </summary>
internal sealed class TokenService
{
    public const string RealmPath = "/auth/token";
    public const string Service = "regdiag-lab";
    public const string Issuer = "regdiag-lab-token-issuer";

    /// <summary>distribution's leeway for exp and nbf.</summary>
    private static readonly TimeSpan Leeway = TimeSpan.FromSeconds(60);

    private readonly JwtToken _jwt;
    private readonly IReadOnlyList<LabUser> _users;
    private readonly LabOptions _options;
    private readonly ScenarioSet _scenarios;
    private readonly LogrusWriter _log;

    public TokenService(IReadOnlyList<LabUser> users, LabOptions options, ScenarioSet scenarios, LogrusWriter log)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _jwt = new JwtToken(key, Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16]);
        _users = users;
        _options = options;
        _scenarios = scenarios;
        _log = log;
    }

    public async Task HandleTokenRequestAsync(HttpContext http)
    {
        var user = Authenticate(http.Request);
        if (user == null && http.Request.Headers.Authorization.Count > 0)
        {
            _log.Write("warning", "error authenticating user: authentication failure", []);
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Service}\"";
            await ErrorResponse.WriteAsync(http.Response,
                [RegistryError.Of(ErrorCodes.Unauthorized, "invalid username or password")], http.RequestAborted);
            return;
        }
        var requested = http.Request.Query["scope"]
            .SelectMany(s => (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .SelectMany(AccessRecord.ParseScope)
            .ToList();
        var granted = requested.Where(r => Grants(user, r)).Distinct().ToList();
        if (user != null && requested.Count > 0 && granted.Count == 0)
        {
            // Like GitLab's /jwt/auth when the user may do nothing of what was asked: 403, not an empty token.
            _log.Write("warning", "denied container registry permissions", [
                new("auth.user.name", user.Name), new("requested_actions", string.Join(' ', http.Request.Query["scope"].ToArray()))]);
            await ErrorResponse.WriteAsync(http.Response,
                [RegistryError.Of(ErrorCodes.Denied).WithMessage("access forbidden")], http.RequestAborted);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var lifetime = _scenarios.Has(LabScenarios.TokenExpired) ? _options.ExpiredTokenLifetime : _options.TokenLifetime;
        var access = new JsonArray();
        foreach (var group in granted.GroupBy(r => (r.Type, r.Name)))
        {
            access.Add(new JsonObject
            {
                ["type"] = group.Key.Type,
                ["name"] = group.Key.Name,
                ["actions"] = new JsonArray(group.Select(r => (JsonNode)r.Action).ToArray()),
            });
        }
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = user?.Name ?? "",
            ["aud"] = Service,
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var token = _jwt.Sign(claims);
        var body = new JsonObject
        {
            ["token"] = token,
            ["access_token"] = token,
            // With token-expired the server still announces the normal lifetime, so clients keep using it.
            ["expires_in"] = (int)_options.TokenLifetime.TotalSeconds,
            ["issued_at"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString() + "\n", http.RequestAborted);
    }

    private bool Grants(LabUser? user, AccessRecord record)
    {
        if (user == null)
        {
            return false;
        }
        if (_scenarios.Has(LabScenarios.InsufficientScope) && record.Action != "pull")
        {
            // GitLab's /jwt/auth drops the actions a user may not have and still answers 200.
            return false;
        }
        return record.Type is "repository" or "registry";
    }

    private LabUser? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var name = decoded[..colon];
        var password = Encoding.UTF8.GetBytes(decoded[(colon + 1)..]);
        return _users.FirstOrDefault(u => u.Name == name
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(u.Password), password));
    }

    /// <summary>The registry side: true when the bearer token grants what the request needs; otherwise a 401 is prepared.</summary>
    public Task<bool> AuthorizeAsync(RequestContext context)
    {
        var required = RequiredAccess.For(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(Challenge(context, required, null, "authorization token required"));
        }
        var (claims, error) = _jwt.Verify(header[7..].Trim());
        if (claims == null)
        {
            return Task.FromResult(Challenge(context, required, "invalid_token", error!));
        }
        var now = DateTimeOffset.UtcNow;
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims["exp"]?.GetValue<long>() ?? 0);
        var nbf = DateTimeOffset.FromUnixTimeSeconds(claims["nbf"]?.GetValue<long>() ?? 0);
        // distribution allows 60 s of leeway; token-expired turns it off so that short tokens really expire mid-push.
        var leeway = _scenarios.Has(LabScenarios.TokenExpired) ? TimeSpan.Zero : Leeway;
        if (now > exp + leeway)
        {
            return Task.FromResult(Challenge(context, required, "invalid_token",
                $"token not to be used after {exp.UtcDateTime:O} - currently {now.UtcDateTime:O}"));
        }
        if (now < nbf - leeway)
        {
            return Task.FromResult(Challenge(context, required, "invalid_token",
                $"token not to be used before {nbf.UtcDateTime:O} - currently {now.UtcDateTime:O}"));
        }
        if (claims["aud"]?.ToString() != Service || claims["iss"]?.ToString() != Issuer)
        {
            return Task.FromResult(Challenge(context, required, "invalid_token", "token intended for another audience"));
        }
        var granted = new HashSet<AccessRecord>();
        foreach (var entry in claims["access"]?.AsArray() ?? [])
        {
            foreach (var action in entry?["actions"]?.AsArray() ?? [])
            {
                granted.Add(new AccessRecord(entry!["type"]!.ToString(), entry["name"]!.ToString(), action!.ToString()));
            }
        }
        var missing = required.Where(r => !granted.Contains(r) && !granted.Contains(r with { Action = "*" })).ToList();
        if (missing.Count > 0)
        {
            return Task.FromResult(Challenge(context, required, "insufficient_scope", "insufficient scope"));
        }
        context.Http.Items["auth.user.name"] = claims["sub"]?.ToString();
        return Task.FromResult(true);
    }

    private bool Challenge(RequestContext context, IReadOnlyList<AccessRecord> required, string? error, string reason)
    {
        var realm = context.Url(RealmPath);
        var challenge = new StringBuilder($"Bearer realm=\"{realm}\",service=\"{Service}\"");
        if (required.Count > 0)
        {
            challenge.Append($",scope=\"{AccessRecord.Scope(required)}\"");
        }
        if (error != null)
        {
            challenge.Append($",error=\"{error}\"");
        }
        context.Response.Headers.WWWAuthenticate = challenge.ToString();
        var detail = required.Select(r => new { Type = r.Type, Class = "", Name = r.Name, Action = r.Action }).ToList();
        context.Fail(ErrorCodes.Unauthorized, detail.Count > 0 ? detail : null);
        _log.Write("warning", $"error authorizing context: {reason}", [
            new("http.request.method", context.Request.Method),
            new("http.request.uri", context.Request.Path.Value + context.Request.QueryString.Value),
            new("vars.name", context.Route.Name),
        ]);
        return false;
    }
}
