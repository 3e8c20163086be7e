using RegDiag.Core.Http;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Decoding;

/// <summary>
/// Gives every exchange a kind and an operation. Feed exchanges in the order they started: what earlier
/// exchanges said (a challenge's realm, a redirect's Location) decides what later ones are, so a token
/// service or a CDN on any host is recognised without a list of known hosts.
/// </summary>
public sealed class Classifier
{
    private readonly HashSet<string> _realms = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _redirectTargets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JwtInfo?> _tokens = new(StringComparer.Ordinal);

    public Classification Classify(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return Classify(exchange, UrlParts.Parse(exchange.Request.Url));
    }

    internal Classification Classify(Exchange exchange, UrlParts? url)
    {
        var classification = ClassifyCore(exchange, url);
        Learn(exchange, classification);
        return classification;
    }

    private Classification ClassifyCore(Exchange exchange, UrlParts? url)
    {
        var request = exchange.Request;
        var response = exchange.Response;
        if (url == null)
        {
            return Classification.Other;
        }
        var result = new Classification
        {
            Bearer = BearerOf(request),
            Challenge = response is { Status: 401 or 403 } ? ChallengeParser.Parse(response.Headers.Get("WWW-Authenticate")) : null,
        };

        // Order matters: a signature makes it storage whatever the path; a token request may live under
        // /v2/ (quay's realm is /v2/auth); then the registry API; then hints from hosts and history.
        if (StorageRequests.IsSigned(request, url) && StorageRequests.DetectProvider(request, response, url) is { } signedBy)
        {
            return Storage(result, exchange, url, signedBy);
        }
        var realm = _realms.Contains(RealmKey(url));
        if (TokenRequests.Detect(request, url, realm) is { } tokenOperation)
        {
            return result with
            {
                Kind = HostKind.Token,
                Operation = tokenOperation,
                Token = TokenRequests.Describe(request, response, url, Decode),
                Errors = response is { Status: >= 400 } ? RegistryErrorParser.Parse(response.Body.Text) : [],
            };
        }
        if (RegistryPaths.IsRegistryPath(url.Path) && RegistryPaths.Classify(request, response, url) is var (operation, target))
        {
            return result with
            {
                Kind = HostKind.Registry,
                Operation = operation,
                Registry = target,
                Errors = response is { Status: >= 400 } ? RegistryErrorParser.Parse(response.Body.Text) : [],
            };
        }
        if (StorageRequests.DetectProvider(request, response, url) is { } provider)
        {
            return Storage(result, exchange, url, provider);
        }
        if (_redirectTargets.Contains(request.Url))
        {
            return Storage(result, exchange, url, StorageProvider.Unknown);
        }
        return result with { Errors = response is { Status: >= 400 } ? RegistryErrorParser.Parse(response.Body.Text) : [] };
    }

    private static Classification Storage(Classification result, Exchange exchange, UrlParts url, StorageProvider provider)
    {
        var (operation, target) = StorageRequests.Classify(exchange.Request, url, provider);
        return result with
        {
            Kind = HostKind.Storage,
            Operation = operation,
            Storage = target,
            Bearer = null,
            StorageError = exchange.Response is { } response ? StorageErrorParser.Parse(response) : null,
        };
    }

    private void Learn(Exchange exchange, Classification classification)
    {
        if (classification.Challenge?.Realm is { } realm && UrlParts.Parse(realm) is { } realmUrl)
        {
            _realms.Add(RealmKey(realmUrl));
        }
        if (exchange.Response is { Status: >= 300 and < 400 } response && response.Headers.Get("Location") is { } location)
        {
            _redirectTargets.Add(Resolve(exchange.Request.Url, location));
        }
    }

    /// <summary>A Location may be relative; the request it answers is what it is relative to.</summary>
    internal static string Resolve(string requestUrl, string location)
    {
        if (location.Contains("://", StringComparison.Ordinal))
        {
            return location;
        }
        return Uri.TryCreate(requestUrl, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, location, out var resolved)
            ? resolved.OriginalString
            : location;
    }

    private static string RealmKey(UrlParts url) => url.Origin + url.Path;

    private JwtInfo? BearerOf(RequestRecord request)
    {
        var authorization = request.Headers.Get("Authorization");
        if (authorization == null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return Decode(authorization[7..].Trim());
    }

    /// <summary>Decoded once per distinct token: a push presents the same token on hundreds of requests.</summary>
    private JwtInfo? Decode(string token)
    {
        if (!_tokens.TryGetValue(token, out var info))
        {
            info = JwtDecoder.TryDecode(token) ?? new JwtInfo
            {
                Marker = SecretMarker.IsRedacted(token) ? token : SecretMarker.For(token),
            };
            _tokens[token] = info;
        }
        return info;
    }
}
