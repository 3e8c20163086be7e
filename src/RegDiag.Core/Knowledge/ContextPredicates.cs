using System.Globalization;
using System.Text.RegularExpressions;
using RegDiag.Core.Correlation;
using RegDiag.Core.Decoding;
using RegDiag.Core.Model;

namespace RegDiag.Core.Knowledge;

/// <summary>
/// The sequence-context conditions signatures can name ("context": ["redirected", "!presigned-expired"]).
/// One table: each predicate's name, what it means (shown by --list-signatures and in the docs) and its test.
/// A predicate may add facts ({skew}, {expiredBy}) and evidence notes as it decides.
/// </summary>
internal static partial class ContextPredicates
{
    /// <summary>S3 rejects requests whose signing time is more than 15 minutes off its own clock.</summary>
    private static readonly TimeSpan S3MaxSkew = TimeSpan.FromMinutes(15);

    public static IReadOnlyDictionary<string, (string Meaning, Func<MatchContext, Findings, bool> Test)> Table => Tests;

    private static readonly Dictionary<string, (string Meaning, Func<MatchContext, Findings, bool> Test)> Tests =
        new(StringComparer.Ordinal)
        {
            ["redirected"] = ("the request followed a registry's 3xx redirect", Redirected),
            ["presigned"] = ("a presigned storage URL (signature in the query)", (c, _) => c.Exchange.Classification.Storage?.Auth == StorageAuth.PresignedQuery),
            ["registry-side"] = ("a storage call the registry itself made (its own credentials)", (c, _) =>
                c.Exchange.ServedRequest != null || c.Exchange.Classification.Storage?.Auth == StorageAuth.AuthorizationHeader),
            ["presigned-expired"] = ("the presigned URL was used after its expiry", PresignedExpired),
            ["clock-skew"] = ("signing time and the server's clock differ by more than 15 minutes", ClockSkew),
            ["region-mismatch"] = ("the signature's region differs from the bucket's region", RegionMismatch),
            ["empty-body"] = ("the error response has no body (HEAD, or a proxy's bare status)", (c, _) => (c.Exchange.Exchange.Response?.Body.Size ?? 0) == 0),
            ["html-body"] = ("the error body is an HTML page (a fronting proxy answered, not the registry)", (c, _) => IsHtml(c.Exchange.Exchange.Response)),
            ["has-credentials"] = ("the request carried an Authorization header", (c, _) => c.Exchange.Exchange.Request.Headers.Get("Authorization") != null),
            ["bearer-expired"] = ("the bearer token presented had expired when the request was sent", BearerExpired),
            ["token-expired-mid-push"] = ("the token expired after earlier requests of the same push (or its checks) had been accepted with it", TokenExpiredMidPush),
            ["name-invalid"] = ("the repository name breaks distribution's reference grammar", NameInvalid),
            ["name-invalid-for-gitlab"] = ("the repository name is valid for distribution but not for GitLab ('--', '__')", NameInvalidForGitLab),
            ["same-storage-failure"] = ("a bodyless registry error next to another error of the same operation whose detail names a storage driver error", SameStorageFailure),
            ["auth-loop"] = ("the same request got 401 again after each fresh token (three times or more)", AuthLoop),
            ["storage-call-failed"] = ("a storage call the registry made while serving this request failed", StorageCallFailed),
            ["served-request-server-error"] = ("the registry's storage call served a client request that failed with a 5xx or a transport error", ServedRequestServerError),
            ["body-digest-differs"] = ("the uploaded bytes the proxy saw hash to another digest than the one declared", (c, f) => BodyDigest(c, f) == false),
            ["body-digest-matches"] = ("the uploaded bytes the proxy saw hash to exactly the declared digest", (c, f) => BodyDigest(c, f) == true),
            ["accept-lacks-oci"] = ("the manifest request's Accept header lists no OCI media type", AcceptLacksOci),
            ["push"] = ("part of a push", (c, _) => c.Group?.Kind == OperationKind.Push),
            ["pull"] = ("part of a pull", (c, _) => c.Group?.Kind == OperationKind.Pull),
            ["token-grants-less"] = ("the token service answered 200 but granted fewer actions than asked for", TokenGrantsLess),
            ["location-elsewhere"] = ("an upload Location points to another scheme or host than the request", LocationElsewhere),
            ["recovered"] = ("a later retry succeeded (the same request again, or the blob upload restarted from its POST)", (c, _) => c.Recovered.Contains(c.Exchange.Index)),
            ["tag-reference"] = ("the manifest reference is a tag, not a digest", (c, _) =>
                c.Exchange.Classification.Registry?.Reference is { } r && !RegistryPaths.IsDigest(r)),
        };

    /// <summary>"!name" is looked up without cutting the name out: this runs for every failed exchange and row.</summary>
    private static readonly Dictionary<string, (string Meaning, Func<MatchContext, Findings, bool> Test)>.AlternateLookup<ReadOnlySpan<char>> ByName =
        Tests.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Exists(string name) => Table.ContainsKey(name);

    public static bool Evaluate(string condition, MatchContext context, Findings findings)
    {
        var negate = condition.StartsWith('!');
        var (_, test) = ByName[negate ? condition.AsSpan(1) : condition];
        return negate ? !test(context, findings.Discarded()) : test(context, findings);
    }

    private static bool Redirected(MatchContext c, Findings f)
    {
        if (c.Exchange.RedirectedFrom is not { } from)
        {
            return false;
        }
        var source = c.All[from];
        f.Related.Add(from);
        f.Facts["redirectedFrom"] = $"{source.Exchange.Request.Method} {Path(source.Exchange.Request.Url)}";
        f.Notes.Add($"followed the {source.Status} redirect of #{source.Exchange.Id} {source.Exchange.Request.Method} {Path(source.Exchange.Request.Url)}");
        return true;
    }

    private static bool PresignedExpired(MatchContext c, Findings f)
    {
        var storage = c.Exchange.Classification.Storage;
        var error = c.Exchange.Classification.StorageError;
        var usedAt = ServerDate(c.Exchange.Exchange.Response) ?? c.Exchange.Start;
        var expiresAt = storage?.ExpiresAt ?? error?.Expires;
        var saysExpired = error?.Message?.Contains("expired", StringComparison.OrdinalIgnoreCase) == true || error?.Code == "ExpiredToken";
        if (expiresAt is not { } expiry || (usedAt <= expiry && !saysExpired))
        {
            return saysExpired;
        }
        var serverTime = error?.ServerTime ?? usedAt;
        f.Facts["expiresAt"] = Time(expiry);
        f.Facts["usedAt"] = Time(serverTime);
        f.Facts["expiredBy"] = Duration(serverTime - expiry);
        if (storage?.SignedAt is { } signed)
        {
            f.Facts["signedAt"] = Time(signed);
            f.Facts["lifetime"] = Duration(expiry - signed);
        }
        f.Notes.Add($"URL expired at {Time(expiry)}, used at {Time(serverTime)} ({Duration(serverTime - expiry)} late)");
        return true;
    }

    private static bool ClockSkew(MatchContext c, Findings f)
    {
        var exchange = c.Exchange;
        var error = exchange.Classification.StorageError;
        var serverNow = error?.ServerTime ?? ServerDate(exchange.Exchange.Response);
        var signed = error?.RequestTime ?? exchange.Classification.Storage?.SignedAt;
        if (serverNow is not { } server || signed is not { } at)
        {
            return false;
        }
        var skew = at - server;
        // A presigned URL is legitimately signed in the past (up to its lifetime); only a signing time in
        // the future, or a header-signed request off either way, is skew.
        var presigned = exchange.Classification.Storage?.Auth == StorageAuth.PresignedQuery;
        if (presigned ? skew <= S3MaxSkew : skew.Duration() <= S3MaxSkew)
        {
            return false;
        }
        f.Facts["skew"] = Duration(skew.Duration());
        f.Facts["skewDirection"] = skew > TimeSpan.Zero ? "ahead of" : "behind";
        f.Facts["signedAt"] = Time(at);
        f.Facts["serverTime"] = Time(server);
        f.Notes.Add($"signed at {Time(at)}, server time {Time(server)}: the signer's clock is {Duration(skew.Duration())} {(skew > TimeSpan.Zero ? "ahead" : "behind")}");
        f.Headers.Add(("Date", exchange.Exchange.Response?.Headers.Get("Date") ?? Time(server)));
        return true;
    }

    private static bool RegionMismatch(MatchContext c, Findings f)
    {
        var signed = c.Exchange.Classification.Storage?.SignedRegion;
        var bucket = c.Exchange.Classification.StorageError?.BucketRegion;
        if (c.Exchange.Classification.StorageError?.Message is { } message && RegionMessage().Match(message) is { Success: true } m)
        {
            signed = m.Groups["wrong"].Value;
            bucket = m.Groups["expected"].Value;
        }
        if (signed == null || bucket == null || string.Equals(signed, bucket, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        f.Facts["signedRegion"] = signed;
        f.Facts["bucketRegion"] = bucket;
        f.Notes.Add($"signed for region {signed}, the bucket is in {bucket}");
        return true;
    }

    private static bool BearerExpired(MatchContext c, Findings f)
    {
        if (c.Exchange.Classification.Bearer is not { Expires: { } expires } bearer || c.Exchange.Start <= expires)
        {
            return false;
        }
        f.Facts["tokenExpired"] = Time(expires);
        f.Facts["expiredBy"] = Duration(c.Exchange.Start - expires);
        if (bearer.IssuedAt is { } issued)
        {
            f.Facts["tokenLifetime"] = Duration(expires - issued);
        }
        f.Notes.Add($"token {bearer.Marker} expired at {Time(expires)}, {Duration(c.Exchange.Start - expires)} before this request");
        return true;
    }

    private static bool TokenExpiredMidPush(MatchContext c, Findings f)
    {
        if (c.Group is not { Kind: OperationKind.Push or OperationKind.Inspect } group || c.Exchange.Classification.Bearer is not { } bearer ||
            !BearerExpired(c, f))
        {
            return false;
        }
        foreach (var index in group.Exchanges)
        {
            // Accepted: anything but an authorization failure (a push's HEAD checks get 404 and count).
            var earlier = c.All[index];
            if (index < c.Exchange.Index && earlier.Status is { } status && status is not (401 or 403) &&
                earlier.Classification.Bearer?.Marker == bearer.Marker)
            {
                f.Related.Add(index);
                f.Facts["pushRunning"] = Duration(c.Exchange.Start - group.Start);
                return true;
            }
        }
        return false;
    }

    private static bool NameInvalid(MatchContext c, Findings f)
    {
        if (c.Exchange.Classification.Registry?.Repository is not { } name || RepositoryNames.DistributionProblem(name) is not { } problem)
        {
            return false;
        }
        f.Facts["nameProblem"] = problem;
        f.Notes.Add($"\"{name}\": {problem}");
        return true;
    }

    private static bool NameInvalidForGitLab(MatchContext c, Findings f)
    {
        if (c.Exchange.Classification.Registry?.Repository is not { } name || RepositoryNames.GitLabProblem(name) is not { } problem)
        {
            return false;
        }
        f.Facts["nameProblem"] = problem;
        f.Notes.Add($"\"{name}\" contains {problem}");
        return true;
    }

    private static bool SameStorageFailure(MatchContext c, Findings f)
    {
        if ((c.Exchange.Exchange.Response?.Body.Size ?? 0) > 0)
        {
            return false;
        }
        IEnumerable<int> neighbours = c.Group?.Exchanges
            ?? Enumerable.Range(Math.Max(0, c.Exchange.Index - 50), Math.Min(c.All.Count, c.Exchange.Index + 50) - Math.Max(0, c.Exchange.Index - 50));
        foreach (var index in neighbours)
        {
            var other = c.All[index];
            if (index == c.Exchange.Index || other.Classification.Kind != HostKind.Registry || other.Url?.Origin != c.Exchange.Url?.Origin)
            {
                continue;
            }
            foreach (var error in other.Classification.Errors)
            {
                if (error.Detail is { } detail && StorageDetail().Match(detail) is { Success: true } m)
                {
                    f.Facts["s3code"] = m.Groups["code"].Value;
                    f.Facts["sibling"] = "#" + other.Exchange.Id;
                    f.Related.Add(index);
                    f.Notes.Add($"#{other.Exchange.Id} of the same operation failed with detail \"{detail}\"");
                    return true;
                }
            }
        }
        return false;
    }

    private static bool AuthLoop(MatchContext c, Findings f)
    {
        var count = 1;
        var current = c.Exchange;
        while (current.Status == 401 && current.AuthRetryOf is { } previous && c.All[previous].Status == 401)
        {
            count++;
            f.Related.Add(previous);
            current = c.All[previous];
        }
        if (count < 3 || c.Exchange.Status != 401)
        {
            return false;
        }
        f.Facts["loopCount"] = count.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static bool StorageCallFailed(MatchContext c, Findings f)
    {
        AnalyzedExchange? worst = null;
        foreach (var index in c.Exchange.StorageCalls)
        {
            var call = c.All[index];
            if (call.Failed && call.Status != 404 && (worst == null || (worst.Classification.StorageError?.Code == null && call.Classification.StorageError?.Code != null)))
            {
                worst = call;
            }
        }
        // distribution's lookups answer 404 all the time (links, upload state); a 404 explains this request
        // only when nothing worse failed and the registry itself then failed.
        if (worst == null && ServerError(c.Exchange))
        {
            worst = c.Exchange.StorageCalls.Select(i => c.All[i]).FirstOrDefault(call => call.Status == 404);
        }
        if (worst == null)
        {
            return false;
        }
        f.Related.Add(worst.Index);
        var what = worst.Exchange.Error is { } error
            ? $"{error.Kind}: {error.Message}"
            : $"{worst.Status} {worst.Classification.StorageError?.Code ?? worst.Exchange.Response?.Reason}".TrimEnd();
        f.Facts["behind"] = $"#{worst.Exchange.Id} {worst.Classification.Operation} {worst.Classification.Storage?.Key ?? Path(worst.Exchange.Request.Url)} -> {what}";
        f.Facts["storageCode"] = worst.Classification.StorageError?.Code ?? worst.Exchange.Error?.Kind.ToString() ?? worst.Status?.ToString(CultureInfo.InvariantCulture) ?? "";
        f.Facts["storageMessage"] = worst.Classification.StorageError?.Message ?? worst.Exchange.Error?.Message ?? "";
        f.Notes.Add($"behind it, the registry's storage call #{worst.Exchange.Id} failed: {what}");
        return true;
    }

    private static bool ServedRequestServerError(MatchContext c, Findings f)
    {
        if (c.Exchange.ServedRequest is not { } index || !ServerError(c.All[index]))
        {
            return false;
        }
        var served = c.All[index];
        f.Related.Add(index);
        var outcome = served.Status?.ToString(CultureInfo.InvariantCulture) ?? served.Exchange.Error?.Kind.ToString() ?? "no response";
        f.Facts["servedRequest"] = $"#{served.Exchange.Id} {served.Exchange.Request.Method} {Path(served.Exchange.Request.Url)}";
        f.Facts["servedStatus"] = outcome;
        f.Facts["key"] = c.Exchange.Classification.Storage?.Key ?? Path(c.Exchange.Exchange.Request.Url);
        f.Notes.Add($"the registry made this call while serving #{served.Exchange.Id}, which failed: {outcome}");
        return true;
    }

    private static bool ServerError(AnalyzedExchange exchange) =>
        exchange.Exchange.Error != null || exchange.Exchange.Response is null || exchange.Exchange.Response.Status >= 500;

    /// <summary>
    /// Compares the declared digest with the SHA-256 the proxy computed of the bytes that went through. Only
    /// possible when one request carried the whole blob (monolithic upload, or a single chunk): the digest of
    /// several chunks cannot be rebuilt from their separate hashes.
    /// </summary>
    private static bool? BodyDigest(MatchContext c, Findings f)
    {
        var exchange = c.Exchange;
        var declared = exchange.Classification.Registry?.Digest;
        if (declared == null || !declared.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return null;
        }
        var carriers = exchange.UploadSession is { } id && c.UploadsById.TryGetValue(id, out var session)
            ? session.Exchanges.Where(i => i <= exchange.Index && c.All[i].Exchange.Request.Body.Size > 0).ToList()
            : exchange.Exchange.Request.Body.Size > 0 ? [exchange.Index] : [];
        if (carriers.Count != 1 || c.All[carriers[0]].Exchange.Request.Body.Sha256 is not { } computed)
        {
            return null;
        }
        var body = c.All[carriers[0]].Exchange;
        f.Facts["declaredDigest"] = declared;
        f.Facts["computedDigest"] = computed;
        f.Facts["bodySize"] = body.Request.Body.Size.ToString(CultureInfo.InvariantCulture);
        f.Related.Add(carriers[0]);
        var same = string.Equals(declared, computed, StringComparison.OrdinalIgnoreCase);
        f.Notes.Add(same
            ? $"the {body.Request.Body.Size} bytes of #{body.Id} hash to {computed}, exactly the declared digest"
            : $"declared {declared}, but the {body.Request.Body.Size} bytes of #{body.Id} hash to {computed}");
        return same;
    }

    private static bool AcceptLacksOci(MatchContext c, Findings f)
    {
        var accept = string.Join(",", c.Exchange.Exchange.Request.Headers.GetAll("Accept"));
        if (accept.Contains("vnd.oci.image", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        f.Headers.Add(("Accept", accept.Length == 0 ? "(none)" : accept));
        return true;
    }

    private static bool TokenGrantsLess(MatchContext c, Findings f)
    {
        var token = c.Exchange.Classification.Token;
        if (token?.Issued is not { } issued || token.Scopes.Count == 0)
        {
            return false;
        }
        var missing = new List<string>();
        foreach (var scope in token.Scopes)
        {
            if (TokenAccess.ParseScope(scope) is not { } asked)
            {
                continue;
            }
            var granted = issued.Access.Where(a => a.Type == asked.Type && a.Name == asked.Name).SelectMany(a => a.Actions).ToHashSet();
            var lacking = asked.Actions.Where(a => !granted.Contains(a) && !granted.Contains("*")).ToList();
            if (lacking.Count > 0)
            {
                missing.Add($"{asked.Type}:{asked.Name}:{string.Join(',', lacking)}");
            }
        }
        if (missing.Count == 0)
        {
            return false;
        }
        f.Facts["requested"] = string.Join(' ', token.Scopes);
        f.Facts["granted"] = issued.Access.Count == 0 ? "nothing" : string.Join(' ', issued.Access);
        f.Facts["missing"] = string.Join(' ', missing);
        f.Notes.Add($"asked for {string.Join(' ', token.Scopes)}, granted {f.Facts["granted"]}");
        return true;
    }

    private static bool LocationElsewhere(MatchContext c, Findings f)
    {
        var location = c.Exchange.Exchange.Response?.Headers.Get("Location");
        if (location == null || !location.Contains("://", StringComparison.Ordinal) ||
            Http.UrlParts.Parse(location) is not { } target || Http.UrlParts.Parse(c.Exchange.Exchange.Request.Url) is not { } request)
        {
            return false;
        }
        if (target.Origin == request.Origin)
        {
            return false;
        }
        f.Facts["locationOrigin"] = target.Origin;
        f.Facts["requestOrigin"] = request.Origin;
        f.Headers.Add(("Location", location));
        return true;
    }

    private static bool IsHtml(ResponseRecord? response) =>
        response != null && ((response.Body.ContentType ?? response.Headers.Get("Content-Type") ?? "").Contains("html", StringComparison.OrdinalIgnoreCase)
            || (response.Body.Text?.TrimStart().StartsWith('<') == true && !response.Body.Text.TrimStart().StartsWith("<?xml", StringComparison.Ordinal)));

    private static DateTimeOffset? ServerDate(ResponseRecord? response) =>
        response?.Headers.Get("Date") is { } date && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;

    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static string Duration(TimeSpan span)
    {
        span = span.Duration();
        return span.TotalSeconds < 60 ? $"{span.TotalSeconds:0.#} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
            : $"{(int)span.TotalHours} h {span.Minutes} min";
    }

    private static string Path(string url) => Http.UrlParts.Parse(url) is { } u ? u.Host + u.Path : url;

    [GeneratedRegex(@"s3aws: (?<code>[A-Za-z]+)")]
    private static partial Regex StorageDetail();

    /// <summary>S3's AuthorizationHeaderMalformed: "the region 'us-east-1' is wrong; expecting 'eu-central-1'".</summary>
    [GeneratedRegex(@"region '(?<wrong>[a-z0-9-]+)' is wrong; expecting '(?<expected>[a-z0-9-]+)'")]
    private static partial Regex RegionMessage();
}
