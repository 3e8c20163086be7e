using RegDiag.Core.Analysis;
using RegDiag.Core.Knowledge;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Names;

namespace RegDiag.Doctor.Probe;

/// <summary>
/// --probe-push REPO: a real push of a small random blob (and a manifest) as the Docker client makes it,
/// read back through the storage redirect, then deleted. Its exchanges go into the report (and --save).
/// </summary>
internal sealed class ProbePushCheck : IDoctorCheck
{
    public string Id => CheckIds.ProbePush;
    public string Title => "Probe push";
    public TimeSpan Timeout => TimeSpan.FromSeconds(60);
    public IReadOnlyList<string> DependsOn => [CheckIds.Api];
    public bool NeedsHost => true;

    public async Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var repository = options.ProbePushRepository;
        if (repository == null)
        {
            return CheckOutcome.Skip("no --probe-push REPO given");
        }
        var api = context.AnsweringApi;
        if (api == null)
        {
            return CheckOutcome.SkipApiDidNotAnswer();
        }
        var name = ImageNameValidator.Analyze(repository);
        if (!name.IsRepositoryPath)
        {
            return CheckOutcome.Fail($"--probe-push {repository} is not a repository path", $"give a path such as {name.Suggestion ?? "group/project/probe"} (no registry host, tag or digest)");
        }
        using var client = context.NewPushClient(api.BaseUri, "probe");
        var result = await client.ProbeAsync(repository, options.ProbeManifest, cancellationToken: cancellationToken);
        var evidence = result.Steps.Select(s => $"{(s.Ok ? "ok  " : "FAIL")} {s.Name}: {s.Method} {PathOf(s.Url)} -> {s.Status?.ToString() ?? "no answer"}: {s.Detail}").ToList();
        // The same decoder as `regdiag analyze` reads the recorded exchanges.
        var diagnoses = Analyzer.Analyze(client.Exchanges).Diagnoses
            .Where(d => d.Severity is Severity.Error or Severity.Warning)
            .OrderByDescending(d => d.Severity)
            .ToList();
        evidence.AddRange(diagnoses.Select(d => $"diagnosis {d.Id} ({d.Severity.ToString().ToLowerInvariant()}): {d.Title}: {d.Cause}"));
        var repeated = context.Requests.Retried.Count(r => r.Source == client.Source && r.Recovered);
        if (repeated > 0)
        {
            // The diagnoses above also read the failed attempts; say that the push went on past them.
            evidence.Add($"{repeated} of its requests worked only when repeated after a transient failure (see stability)");
        }
        var failed = result.FailedStep;
        if (failed != null)
        {
            var diagnosis = diagnoses.FirstOrDefault(d => d.Severity == Severity.Error);
            var step = $"the push fails at \"{failed.Name}\": {failed.Method} -> {failed.Status?.ToString() ?? "no answer"}: {failed.Detail}";
            return diagnosis == null
                ? CheckOutcome.Fail(step, FixFor(failed), evidence)
                : CheckOutcome.Fail($"{step}; diagnosis: {diagnosis.Title}", $"{diagnosis.Fix} ({FixFor(failed)})", evidence);
        }
        var left = result.Steps.Where(s => s.Name.StartsWith("clean up", StringComparison.Ordinal) && !s.Detail.StartsWith("deleted", StringComparison.Ordinal)).ToList();
        var redirected = result.Steps.Any(s => s.Name.EndsWith("(storage)", StringComparison.Ordinal));
        var summary = $"pushed a 4096-byte blob{(result.ManifestDigest != null ? " and a manifest" : "")} to {repository} and read it back{(redirected ? " through the storage redirect" : "")}";
        if (left.Count > 0)
        {
            return CheckOutcome.Warn($"{summary}, but could not delete it: {left[0].Detail}",
                "enable deletion (storage.delete.enabled: true) or remove the probe tag by hand; run garbage collection", evidence);
        }
        return CheckOutcome.Pass(summary + "; cleaned up", evidence);
    }

    private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host + uri.AbsolutePath : url;

    private static string FixFor(ProbeStep step) => step switch
    {
        { Status: 401 } => "give --user and --password-stdin with push rights (see the auth check)",
        { Status: 403 } when step.Name.EndsWith("(storage)", StringComparison.Ordinal) =>
            "grant the registry's IAM user or role s3:GetObject on arn:aws:s3:::BUCKET/* (doctor --registry-config prints the statement); check the clocks",
        _ when step.Status == 403 || step.Detail.Contains("DENIED", StringComparison.Ordinal) =>
            "the user may not push to this repository: grant push (GitLab: Developer) or pick a repository the user owns",
        { Status: 400, Method: "HEAD" or "POST" } =>
            "the registry refuses the repository: a 400 on the first request of a push is NAME_INVALID (HEAD answers carry no body); check the name against the registry's rules (doctor --image NAME)",
        { Status: 413 } => "a reverse proxy limits the body size: client_max_body_size 0; on every nginx hop",
        { Status: 500 } => "the registry failed internally, usually in its storage: read its log (doctor --log) and check S3 (doctor --registry-config)",
        { Status: 503 } => "a registry health check fails: doctor --debug-addr shows which",
        { Status: 404 } when step.Detail.Contains("BLOB_UPLOAD", StringComparison.Ordinal) =>
            "the upload session was lost between requests: replicas need the same http.secret and storage, and the load balancer must keep Location's host and port",
        { Status: null } => "the connection failed: see the reachability and tls checks",
        _ => "read the step's error and the registry's log",
    };
}
