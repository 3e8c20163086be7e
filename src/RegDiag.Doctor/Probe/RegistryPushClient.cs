using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RegDiag.Core.Model;
using RegDiag.Doctor.Api;
using RegDiag.Doctor.Auth;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Probe;

/// <summary>
/// Pushes like the Docker client: for a blob HEAD (exists?), POST (start upload), PATCH (data), PUT
/// ?digest= (commit), then HEAD and GET again, following a 307 to storage without the registry's
/// credentials; optionally a manifest; then DELETE what it created. Logs in on demand (Bearer token for
/// repository:NAME:pull,push, or Basic). Every request, the token request and the storage hops included,
/// is recorded as an <see cref="Exchange"/>.
/// <code>
///   client ──HEAD/POST/PATCH/PUT──► registry ──(its own S3 calls)──► S3
///      └────────── GET/HEAD after 307 (presigned URL) ─────────────► S3
/// </code>
/// </summary>
public sealed class RegistryPushClient : IDisposable
{
    private const string ManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";
    private const string ConfigMediaType = "application/vnd.docker.container.image.v1+json";
    private const string LayerMediaType = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private readonly RegistryPushClientOptions _options;
    private readonly HttpClient _http;
    private readonly RequestLedger _ledger;
    private readonly List<Exchange> _exchanges = [];
    private readonly Dictionary<string, AuthenticationHeaderValue> _authorization = [];
    private AuthChallenge? _bearer;

    public RegistryPushClient(RegistryPushClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _ledger = options.Ledger ?? new RequestLedger();
        var recording = new RecordingHandler(DoctorHttp.CreateHandler(options.Trust, options.Proxy), Record, options.Source);
        _http = new HttpClient(new TransientRetryHandler(recording, _ledger, options.Source), disposeHandler: true) { Timeout = options.RequestTimeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
    }

    /// <summary>The Source stamped on its exchanges and retries.</summary>
    public string Source => _options.Source;

    /// <summary>Every exchange so far, in order.</summary>
    public IReadOnlyList<Exchange> Exchanges
    {
        get
        {
            lock (_exchanges)
            {
                return [.. _exchanges];
            }
        }
    }

    /// <summary>
    /// Pushes a random blob of <paramref name="size"/> bytes (and, when asked, a manifest referencing it
    /// under a probe tag) into <paramref name="repository"/>, reads it back, and deletes what it created.
    /// Stops at the first step that fails (after trying to clean up).
    /// </summary>
    public async Task<ProbePushResult> ProbeAsync(string repository, bool pushManifest = true, int size = 4096, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        var steps = new List<ProbeStep>();
        var layer = RandomNumberGenerator.GetBytes(size);
        var layerDigest = Digest(layer);
        string? manifestDigest = null;
        var created = new List<string>();
        try
        {
            if (!await PushBlobAsync(repository, layer, "layer", steps, cancellationToken))
            {
                return new ProbePushResult(repository, layerDigest, steps, null);
            }
            created.Add(layerDigest);
            if (!await ReadBackAsync(repository, layerDigest, layer.Length, steps, cancellationToken))
            {
                return new ProbePushResult(repository, layerDigest, steps, null);
            }
            if (pushManifest)
            {
                var config = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
                {
                    architecture = "amd64",
                    os = "linux",
                    rootfs = new { type = "layers", diff_ids = new[] { layerDigest } },
                    config = new { Labels = new Dictionary<string, string> { ["org.regdiag.probe"] = "true" } },
                }));
                var configDigest = Digest(config);
                if (!await PushBlobAsync(repository, config, "config", steps, cancellationToken))
                {
                    return new ProbePushResult(repository, layerDigest, steps, null);
                }
                created.Add(configDigest);
                manifestDigest = await PushManifestAsync(repository, configDigest, config.Length, layerDigest, layer.Length, steps, cancellationToken);
            }
        }
        finally
        {
            await CleanUpAsync(repository, manifestDigest, created, steps, CancellationToken.None);
        }
        return new ProbePushResult(repository, layerDigest, steps, manifestDigest);
    }

    /// <summary>
    /// HEAD, POST, PATCH, PUT ?digest= for one blob, as the Docker client uploads a layer. After a transient
    /// failure (5xx, broken connection) of the POST, PATCH or PUT the upload starts over with a new POST, as
    /// Docker does: a PATCH that failed may have left part of the data in the session.
    /// </summary>
    public async Task<bool> PushBlobAsync(string repository, byte[] content, string label, List<ProbeStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(steps);
        var digest = Digest(content);
        var blobUrl = new Uri(_options.Registry, $"v2/{repository}/blobs/{digest}");
        var head = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, blobUrl), repository, cancellationToken);
        if (!Step(steps, $"{label}: exists?", head, head.Status is 404 or 200, head.Status == 200 ? "already there" : "not there yet (404 is expected)"))
        {
            return false;
        }
        var failed = await WithRestartsAsync($"{label} upload (POST, PATCH, PUT)", steps,
            () => UploadOnceAsync(repository, content, digest, label, steps, cancellationToken), cancellationToken);
        return failed == null;
    }

    /// <summary>
    /// Sends one blob chunk of <paramref name="size"/> generated bytes in a single PATCH, as Docker sends a whole
    /// layer, to see whether something in front of the registry limits request bodies (nginx answers 413 above
    /// client_max_body_size); then cancels the upload, so nothing is stored.
    /// </summary>
    public async Task<LargeUploadResult> ProbeLargeUploadAsync(string repository, long size, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        var steps = new List<ProbeStep>();
        Sent? patch = null;
        Uri? location = null;
        var elapsed = TimeSpan.Zero;
        long sent = 0;
        async Task<Sent?> Once()
        {
            patch = null;
            var start = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Registry, $"v2/{repository}/blobs/uploads/")), repository, cancellationToken);
            location = start.Location;
            if (!Step(steps, "large upload: start", start, start.Status == 202 && location != null, location == null ? "no Location header" : $"upload at {location.AbsolutePath}"))
            {
                return start;
            }
            GeneratedContent? content = null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            patch = await SendAsync(() => new HttpRequestMessage(HttpMethod.Patch, location) { Content = content = new GeneratedContent(size) }, repository, cancellationToken);
            elapsed = clock.Elapsed;
            sent = content?.Sent ?? 0;
            var range = HeaderOf(patch, "Range");
            return Step(steps, "large upload: send data", patch, patch.Status == 202,
                $"{size} bytes in one PATCH, {sent} sent in {elapsed.TotalMilliseconds:0} ms, Range {range ?? "(absent)"}") ? null : patch;
        }
        // A connection cut while the big body goes out is what this probe looks for, not a blip: only 5xx restart it.
        await WithRestartsAsync("large upload (POST, PATCH)", steps, Once, cancellationToken,
            restartable: failed => failed.Status is { } status && TransientRetry.IsTransient(status));
        // The session's current URL: after a PATCH its _state carries the new offset, and distribution refuses
        // an outdated one with 416.
        if (((patch?.Status == 202 ? patch.Location : null) ?? location) is { } session)
        {
            // Cancel the session, also after a 413 from a proxy in front: the registry frees what it stored (distribution answers 204).
            var cancel = await SendAsync(() => Idempotent(new HttpRequestMessage(HttpMethod.Delete, session)), repository, CancellationToken.None);
            steps.Add(new ProbeStep("large upload: cancel", "DELETE", session.ToString(), cancel.Status, true,
                cancel.Status is 204 or 202 ? "cancelled" : $"left for the registry's upload purge: {cancel.Status?.ToString() ?? cancel.Error}"));
        }
        var response = patch?.Response;
        return new LargeUploadResult(size, steps, patch?.Status, sent, elapsed, HeaderOf(patch, "Range"),
            response?.Headers.Server.ToString() is { Length: > 0 } server ? server : null,
            response?.Content.Headers.ContentType?.ToString(),
            patch?.Body is { } body ? body[..Math.Min(body.Length, 512)] : null,
            patch?.Error);
    }

    /// <summary>
    /// Times the registry's backend: GET /v2/ touches no storage, HEAD of a blob that does not exist costs one
    /// storage lookup (distribution reads the repository's link file). Alternates them <paramref name="samples"/>
    /// times after a warm-up (connection, login); durations come from the recorded exchanges, so logins and
    /// retried attempts do not count, only answers of the expected kind (/v2/: 200 or 401; the HEAD: 404).
    /// </summary>
    public async Task<LookupTiming> MeasureLookupAsync(string repository, int samples = 3, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        var baseUrl = new Uri(_options.Registry, "v2/");
        var absent = Digest(RandomNumberGenerator.GetBytes(32));
        var lookupUrl = new Uri(_options.Registry, $"v2/{repository}/blobs/{absent}");
        await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, baseUrl), null, cancellationToken);
        var warmUp = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, lookupUrl), repository, cancellationToken);
        var measured = Exchanges.Count;
        for (var i = 0; i < samples; i++)
        {
            await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, baseUrl), null, cancellationToken);
            await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, lookupUrl), repository, cancellationToken);
        }
        var timed = Exchanges.Skip(measured).ToList();
        double[] Times(Uri url, Func<int, bool> expected) => [.. timed
            .Where(e => e.Request.Url == url.ToString() && e.Response is { } r && expected(r.Status))
            .Select(e => e.Timings.DurationMs)];
        return new LookupTiming(
            Times(baseUrl, status => status is 200 or 401),
            Times(lookupUrl, status => status == 404),
            warmUp.Status,
            warmUp.Status is 404 ? null : warmUp.Error ?? RegistryError.TryParse(warmUp.Body)?.ToString());
    }

    /// <summary>
    /// Runs a sequence of upload requests again from its start after a transient failure (5xx, broken
    /// connection), as Docker restarts a layer upload: a failed PATCH may have left part of the data in the
    /// session. Returns null when a run succeeded, else the answer of the step that failed last.
    /// </summary>
    private async Task<Sent?> WithRestartsAsync(
        string operation, List<ProbeStep> steps, Func<Task<Sent?>> once, CancellationToken cancellationToken, Func<Sent, bool>? restartable = null)
    {
        var failures = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var failed = await once();
            if (failed == null)
            {
                Settle(operation, failures, recovered: true);
                return null;
            }
            var transient = restartable?.Invoke(failed) ?? failed.Transient;
            if (transient)
            {
                failures.Add(failed.Describe());
            }
            if (!transient || attempt == TransientRetry.MaxAttempts)
            {
                Settle(operation, failures, recovered: false);
                return failed;
            }
            steps[^1] = steps[^1] with
            {
                Ok = true,
                Detail = $"{steps[^1].Detail}; transient failure: starting again (attempt {attempt + 1} of {TransientRetry.MaxAttempts})",
            };
            await Task.Delay(TransientRetry.Backoff(attempt), cancellationToken);
        }
    }

    /// <summary>POST, PATCH, PUT ?digest=; null when all succeeded, else the answer of the step that failed.</summary>
    private async Task<Sent?> UploadOnceAsync(string repository, byte[] content, string digest, string label, List<ProbeStep> steps, CancellationToken cancellationToken)
    {
        var start = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Registry, $"v2/{repository}/blobs/uploads/")), repository, cancellationToken);
        var location = start.Location;
        if (!Step(steps, $"{label}: start upload", start, start.Status == 202 && location != null, location == null ? "no Location header" : $"upload at {location.AbsolutePath}"))
        {
            return start;
        }
        var patch = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return request;
        }, repository, cancellationToken);
        var range = patch.Response?.Headers.TryGetValues("Range", out var ranges) == true ? ranges.First() : null;
        if (!Step(steps, $"{label}: send data", patch, patch.Status == 202, $"{content.Length} bytes, Range {range ?? "(absent)"}"))
        {
            return patch;
        }
        var commitBase = patch.Location ?? location!;
        var separator = commitBase.Query.Length > 0 ? "&" : "?";
        var commitUrl = new Uri(commitBase + separator + "digest=" + Uri.EscapeDataString(digest));
        var put = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, commitUrl) { Content = new ByteArrayContent([]) }, repository, cancellationToken);
        return Step(steps, $"{label}: commit", put, put.Status == 201, $"digest {digest}") ? null : put;
    }

    private void Settle(string operation, List<string> failures, bool recovered)
    {
        if (failures.Count > 1 || (failures.Count == 1 && recovered))
        {
            _ledger.Add(new RetriedOperation(_options.Source, operation, [.. failures], recovered));
        }
    }

    private async Task<bool> ReadBackAsync(string repository, string digest, long size, List<ProbeStep> steps, CancellationToken cancellationToken)
    {
        var blobUrl = new Uri(_options.Registry, $"v2/{repository}/blobs/{digest}");
        var head = await SendFollowingAsync(HttpMethod.Head, blobUrl, repository, "layer: exists now?", steps, cancellationToken);
        if (head == null)
        {
            return false;
        }
        var get = await SendFollowingAsync(HttpMethod.Get, blobUrl, repository, "layer: read back", steps, cancellationToken);
        if (get == null)
        {
            return false;
        }
        var body = get.Response == null ? [] : await get.Response.Content.ReadAsByteArrayAsync(cancellationToken);
        var matches = Digest(body) == digest;
        return Step(steps, "layer: content matches", get, matches,
            matches ? $"{body.Length} bytes, digest verified" : $"got {body.Length} bytes with digest {Digest(body)}, expected {size} bytes {digest}");
    }

    private async Task<string?> PushManifestAsync(string repository, string configDigest, long configSize, string layerDigest, long layerSize, List<ProbeStep> steps, CancellationToken cancellationToken)
    {
        var manifest = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = new { mediaType = ConfigMediaType, size = configSize, digest = configDigest },
            ["layers"] = new[] { new { mediaType = LayerMediaType, size = layerSize, digest = layerDigest } },
        }));
        var tag = $"regdiag-probe-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var url = new Uri(_options.Registry, $"v2/{repository}/manifests/{tag}");
        var put = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(manifest) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(ManifestMediaType);
            return Idempotent(request);
        }, repository, cancellationToken);
        var digest = Digest(manifest);
        if (!Step(steps, "manifest: push", put, put.Status == 201, $"tag {tag}, digest {digest}"))
        {
            return null;
        }
        var get = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd(ManifestMediaType);
            return request;
        }, repository, cancellationToken);
        Step(steps, "manifest: read back", get, get.Status == 200, $"Docker-Content-Digest {HeaderOf(get, "Docker-Content-Digest") ?? "(absent)"}");
        return digest;
    }

    private async Task CleanUpAsync(string repository, string? manifestDigest, List<string> blobs, List<ProbeStep> steps, CancellationToken cancellationToken)
    {
        var targets = new List<(string Label, Uri Url)>();
        if (manifestDigest != null)
        {
            targets.Add(("clean up: manifest", new Uri(_options.Registry, $"v2/{repository}/manifests/{manifestDigest}")));
        }
        targets.AddRange(blobs.Select(d => ("clean up: blob", new Uri(_options.Registry, $"v2/{repository}/blobs/{d}"))));
        if (targets.Count > 0 && _bearer != null)
        {
            // Ask for the delete action up front: a DELETE with a push token would be refused, and logged by the
            // registry as "insufficient scope", which reads like a problem in the logs the doctor scans.
            await GetTokenAsync(_bearer, repository, $"repository:{repository}:pull,push,delete", cancellationToken);
        }
        foreach (var (label, url) in targets)
        {
            try
            {
                var delete = await SendAsync(() => Idempotent(new HttpRequestMessage(HttpMethod.Delete, url)), repository, cancellationToken);
                // A registry with deletion disabled answers 405 UNSUPPORTED: not a failure of the push path.
                steps.Add(new ProbeStep(label, "DELETE", url.ToString(), delete.Status, true,
                    delete.Status == 202 ? "deleted"
                    : delete.Status == 405 ? "left in place: deletion is disabled (storage.delete.enabled: false); garbage collection removes it once untagged"
                    : delete.Status == 401 ? "left in place: the user may not delete (the token server did not grant the delete action)"
                    : $"left in place: {delete.Status} {delete.Error}"));
            }
            catch (HttpRequestException e)
            {
                steps.Add(new ProbeStep(label, "DELETE", url.ToString(), null, true, $"left in place: {e.Message}"));
            }
        }
    }

    /// <summary>Sends, and on a 307/302 follows the Location once (without the registry's credentials when it leaves the registry).</summary>
    private async Task<Sent?> SendFollowingAsync(HttpMethod method, Uri url, string repository, string label, List<ProbeStep> steps, CancellationToken cancellationToken)
    {
        var first = await SendAsync(() => new HttpRequestMessage(method, url), repository, cancellationToken);
        if (first.Status is 307 or 302 or 303 or 301 && first.Location != null)
        {
            Step(steps, label, first, true, $"redirected to {first.Location.Host}");
            var sameOrigin = Uri.Compare(first.Location, _options.Registry, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
            var second = sameOrigin
                ? await SendAsync(() => new HttpRequestMessage(method, first.Location), repository, cancellationToken)
                : await SendAsync(() => new HttpRequestMessage(method, first.Location), null, cancellationToken);
            return Step(steps, $"{label} (storage)", second, second.Status == 200, StorageDetail(second)) ? second : null;
        }
        return Step(steps, label, first, first.Status == 200, $"Content-Length {first.Response?.Content.Headers.ContentLength}") ? first : null;
    }

    private static string StorageDetail(Sent sent)
    {
        if (sent.Status == 200)
        {
            return "storage answered";
        }
        return sent.Status == 403
            ? "the object store refuses the presigned request (403): the registry's IAM principal lacks s3:GetObject, or the URL expired or was altered"
            : $"the object store answered {sent.Status}";
    }

    private async Task<Sent> SendAsync(Func<HttpRequestMessage> create, string? repository, CancellationToken cancellationToken)
    {
        var scopeKey = repository ?? "";
        HttpResponseMessage response;
        try
        {
            using var request = create();
            if (repository != null && _authorization.TryGetValue(scopeKey, out var cached))
            {
                request.Headers.Authorization = cached;
            }
            var used = request.Headers.Authorization;
            response = await _http.SendAsync(request, cancellationToken);
            // Log in on the first 401, and again when the registry asks for more (DELETE needs the delete action).
            if (response.StatusCode == HttpStatusCode.Unauthorized && repository != null
                && await LogInAsync(response, repository, cancellationToken)
                && _authorization[scopeKey].ToString() != used?.ToString())
            {
                response.Dispose();
                using var retry = create();
                retry.Headers.Authorization = _authorization[scopeKey];
                response = await _http.SendAsync(retry, cancellationToken);
            }
        }
        catch (HttpRequestException e)
        {
            // "An error occurred while sending the request" says nothing: the inner error (broken pipe, reset) does.
            var reason = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message} ({inner.Message})" : e.Message;
            return new Sent(null, reason, TransientRetry.IsTransient(e));
        }
        return new Sent(response, null);
    }

    private async Task<bool> LogInAsync(HttpResponseMessage unauthorized, string repository, CancellationToken cancellationToken)
    {
        var challenges = unauthorized.Headers.WwwAuthenticate.Select(h => AuthChallenge.Parse(h.ToString())).OfType<AuthChallenge>().ToList();
        var bearer = challenges.FirstOrDefault(c => c.IsBearer && c.Realm != null);
        if (bearer != null)
        {
            // Like docker push: pull and push on the repository from the start (a pull-only token, as a HEAD's
            // challenge asks, would get the POST refused), plus whatever else the challenge names (delete).
            _bearer = bearer;
            return await GetTokenAsync(bearer, repository, PushScope(repository, bearer.Scope), cancellationToken);
        }
        if (challenges.Any(c => c.IsBasic) && _options.User != null)
        {
            _authorization[repository] = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.User}:{_options.Password}")));
            return true;
        }
        return false;
    }

    private static string PushScope(string repository, string? challenged)
    {
        var actions = new List<string> { "pull", "push" };
        var prefix = $"repository:{repository}:";
        if (challenged != null && challenged.StartsWith(prefix, StringComparison.Ordinal))
        {
            actions.AddRange(challenged[prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).Except(actions));
        }
        return prefix + string.Join(',', actions);
    }

    private async Task<bool> GetTokenAsync(AuthChallenge bearer, string repository, string scope, CancellationToken cancellationToken)
    {
        try
        {
            var token = await TokenClient.GetAsync(_http, bearer, [scope], _options.User, _options.Password, cancellationToken);
            if (token.Token == null)
            {
                return false;
            }
            _authorization[repository] = new AuthenticationHeaderValue("Bearer", token.Token);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static bool Step(List<ProbeStep> steps, string name, Sent sent, bool ok, string detail)
    {
        var request = sent.Response?.RequestMessage;
        var error = sent.Error ?? (ok ? null : RegistryError.TryParse(sent.Body)?.ToString());
        steps.Add(new ProbeStep(name, request?.Method.Method ?? "?", request?.RequestUri?.ToString() ?? "", sent.Status, ok,
            error == null ? detail : $"{detail}; {error}"));
        return ok;
    }

    private static HttpRequestMessage Idempotent(HttpRequestMessage request)
    {
        request.Options.Set(TransientRetry.Idempotent, true);
        return request;
    }

    private static string? HeaderOf(Sent? sent, string name) =>
        sent?.Response?.Headers.TryGetValues(name, out var values) == true ? values.First() : null;

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private void Record(Exchange exchange)
    {
        lock (_exchanges)
        {
            _exchanges.Add(exchange);
        }
        _options.OnExchange?.Invoke(exchange);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A response (buffered by the recorder) or the transport error in its place.</summary>
    private sealed record Sent(HttpResponseMessage? Response, string? Error, bool BrokenConnection = false)
    {
        public int? Status => Response == null ? null : (int)Response.StatusCode;

        /// <summary>A 5xx or a broken connection: worth trying again.</summary>
        public bool Transient => Status is { } status ? TransientRetry.IsTransient(status) : BrokenConnection;

        public string Describe() => Status is { } status ? TransientRetry.Describe(status, Body) : $"connection broken: {Error}";

        public Uri? Location => Response?.Headers.Location is { } location && Response.RequestMessage?.RequestUri is { } from
            ? new Uri(from, location)
            : Response?.Headers.Location;

        public string? Body => Response?.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }
}
