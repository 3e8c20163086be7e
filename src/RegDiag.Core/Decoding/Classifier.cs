using System.Collections.Concurrent;
using RegDiag.Core.Http;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;

namespace RegDiag.Core.Decoding;

/// <summary>
/// Gives every exchange a kind and an operation. Feed exchanges in the order they started: what earlier
/// exchanges said (a challenge's realm, a redirect's Location) decides what later ones are, so a token
/// service or a CDN on any host is recognised without a list of known hosts.
/// </summary>
/// <remarks>
/// What was learnt is kept with the position of the exchange that taught it, so that a whole capture can be
/// classified on several threads (<see cref="ClassifyAll"/>) exactly as one exchange after another would be.
/// </remarks>
public sealed class Classifier
{
    /// <summary>Realm (origin and path) -> position of the first exchange whose challenge named it.</summary>
    private readonly ConcurrentDictionary<string, int> _realms = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _realmsBySpan;

    /// <summary>Resolved Location -> position of the first 3xx that sent a client there.</summary>
    private readonly ConcurrentDictionary<string, int> _redirectTargets = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, JwtInfo?> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JwtInfo?>.AlternateLookup<ReadOnlySpan<char>> _tokensBySpan;
    private readonly Func<string, JwtInfo?> _decode;
    private readonly SharedStrings _strings;
    private int _next;

    public Classifier()
        : this(new SharedStrings())
    {
    }

    /// <summary>Shares what it takes out of URLs through <paramref name="strings"/> (the analysis' pool).</summary>
    internal Classifier(SharedStrings strings)
    {
        _strings = strings;
        _realmsBySpan = _realms.GetAlternateLookup<ReadOnlySpan<char>>();
        _tokensBySpan = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
        _decode = Decode; // one delegate, not one per token fetch
    }

    /// <summary>Classifies the next exchange (in start order), after everything classified before it.</summary>
    public Classification Classify(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return Classify(exchange, UrlParts.Parse(exchange.Request.Url));
    }

    internal Classification Classify(Exchange exchange, UrlParts? url)
    {
        var position = _next++;
        var classification = ClassifyCore(exchange, url, position);
        Learn(exchange, classification.Challenge, position);
        return classification;
    }

    /// <summary>
    /// Classifies a whole capture in start order, on one thread per core: a first pass learns what each
    /// exchange teaches (challenge realms, redirect targets; neither depends on a classification), then every
    /// exchange is classified knowing only what came before it. The same as <see cref="Classify(Exchange)"/>
    /// on each in turn, on a fresh classifier.
    /// </summary>
    internal Classification[] ClassifyAll(IReadOnlyList<Exchange> exchanges, IReadOnlyList<UrlParts?> urls)
    {
        if (_next != 0)
        {
            throw new InvalidOperationException("ClassifyAll needs a fresh classifier");
        }
        for (var i = 0; i < exchanges.Count; i++)
        {
            // As ClassifyCore gives it: a challenge only on a 401/403 to a URL that parsed.
            if (exchanges[i].Response is { Status: 401 or 403 or (>= 300 and < 400) } response)
            {
                var challenge = response.Status is 401 or 403 && urls[i] != null ? ChallengeParser.Parse(response.Headers.Get("WWW-Authenticate")) : null;
                Learn(exchanges[i], challenge, i);
            }
        }
        var classifications = new Classification[exchanges.Count];
        Parallel.ForEach(Partitioner.Create(0, exchanges.Count, 1024), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                classifications[i] = ClassifyCore(exchanges[i], urls[i], i);
            }
        });
        _next = exchanges.Count;
        return classifications;
    }

    /// <summary>
    /// Each branch makes its classification in one go (no <c>with</c> copies): a large capture has one per
    /// exchange, and every object less is one the garbage collector need not copy while the capture is kept.
    /// </summary>
    private Classification ClassifyCore(Exchange exchange, UrlParts? url, int position)
    {
        var request = exchange.Request;
        var response = exchange.Response;
        if (url == null)
        {
            return Classification.Other;
        }
        var challenge = response is { Status: 401 or 403 } ? ChallengeParser.Parse(response.Headers.Get("WWW-Authenticate")) : null;

        // Order matters: a signature makes it storage whatever the path; a token request may live under
        // /v2/ (quay's realm is /v2/auth); then the registry API; then hints from hosts and history.
        if (StorageRequests.IsSigned(request, url) && StorageRequests.DetectProvider(request, response, url) is { } signedBy)
        {
            return Storage(exchange, url, signedBy, challenge);
        }
        var realm = KnowsRealm(url, position);
        if (TokenRequests.Detect(request, url, realm) is { } tokenOperation)
        {
            return new Classification
            {
                Kind = HostKind.Token,
                Operation = tokenOperation,
                Token = TokenRequests.Describe(request, response, url, _decode),
                Bearer = BearerOf(request),
                Challenge = challenge,
                Errors = RegistryErrors(response),
            };
        }
        if (RegistryPaths.IsRegistryPath(url.Path) && RegistryPaths.Classify(request, response, url, _strings) is var (operation, target))
        {
            return new Classification
            {
                Kind = HostKind.Registry,
                Operation = operation,
                Registry = target,
                Bearer = BearerOf(request),
                Challenge = challenge,
                Errors = RegistryErrors(response),
            };
        }
        if (StorageRequests.DetectProvider(request, response, url) is { } provider)
        {
            return Storage(exchange, url, provider, challenge);
        }
        if (_redirectTargets.TryGetValue(request.Url, out var redirectedAt) && redirectedAt < position)
        {
            return Storage(exchange, url, StorageProvider.Unknown, challenge);
        }
        return new Classification { Bearer = BearerOf(request), Challenge = challenge, Errors = RegistryErrors(response) };
    }

    private static IReadOnlyList<RegistryError> RegistryErrors(ResponseRecord? response) =>
        response is { Status: >= 400 } ? RegistryErrorParser.Parse(response.Body.Text) : [];

    /// <summary>A storage request presents the object store's signature, never the registry's bearer token.</summary>
    private static Classification Storage(Exchange exchange, UrlParts url, StorageProvider provider, AuthChallenge? challenge)
    {
        var (operation, target) = StorageRequests.Classify(exchange.Request, url, provider);
        return new Classification
        {
            Kind = HostKind.Storage,
            Operation = operation,
            Storage = target,
            Challenge = challenge,
            StorageError = exchange.Response is { } response ? StorageErrorParser.Parse(response) : null,
        };
    }

    private void Learn(Exchange exchange, AuthChallenge? challenge, int position)
    {
        if (challenge?.Realm is { } realm && UrlParts.Parse(realm) is { } realmUrl)
        {
            _realms.TryAdd(RealmKey(realmUrl), position);
        }
        if (exchange.Response is { Status: >= 300 and < 400 } response && response.Headers.Get("Location") is { } location)
        {
            _redirectTargets.TryAdd(Resolve(exchange.Request.Url, location), position);
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

    /// <summary>Whether an exchange before <paramref name="position"/> named this URL as its realm (looked up without building the key).</summary>
    private bool KnowsRealm(UrlParts url, int position)
    {
        if (_realms.IsEmpty)
        {
            return false;
        }
        var origin = url.Origin;
        var length = origin.Length + url.Path.Length;
        Span<char> key = length <= 1024 ? stackalloc char[length] : new char[length];
        origin.CopyTo(key);
        url.Path.CopyTo(key[origin.Length..]);
        return _realmsBySpan.TryGetValue(key, out var taught) && taught < position;
    }

    private JwtInfo? BearerOf(RequestRecord request)
    {
        var authorization = request.Headers.Get("Authorization");
        if (authorization == null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        // Looked up without copying the token out of the header: a push presents the same one on every request.
        var token = authorization.AsSpan(7).Trim();
        return _tokensBySpan.TryGetValue(token, out var known) ? known : Decode(token.ToString());
    }

    /// <summary>Decoded once per distinct token (one instance shared by every exchange that presented it).</summary>
    private JwtInfo? Decode(string token) => _tokens.GetOrAdd(token, static t => JwtDecoder.TryDecode(t) ?? new JwtInfo
    {
        Marker = SecretMarker.IsRedacted(t) ? t : SecretMarker.For(t),
    });
}
