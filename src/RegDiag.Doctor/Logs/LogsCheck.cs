using RegDiag.Doctor.Checks;

namespace RegDiag.Doctor.Logs;

/// <summary>--log FILE…: the knowledge base's signatures in the registry's (and GitLab's, nginx's) logs.</summary>
internal sealed class LogsCheck(ILogLineMatcher matcher) : IDoctorCheck
{
    public string Id => CheckIds.Logs;
    public string Title => "Logs";
    public TimeSpan Timeout => TimeSpan.FromMinutes(10);
    public IReadOnlyList<string> DependsOn => [];
    public bool NeedsHost => false;

    public async Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var paths = context.Options.Logs;
        if (paths.Count == 0)
        {
            return CheckOutcome.Skip("no --log given (e.g. /var/log/gitlab/registry/current, gitlab-rails/production.log)");
        }
        var result = await new LogScanner(matcher).ScanAsync(paths, context.Progress, cancellationToken);
        var evidence = new List<string>
        {
            $"scanned {result.Lines:N0} lines, {result.Bytes / (1024.0 * 1024):0.#} MiB in {paths.Count} file{(paths.Count == 1 ? "" : "s")} in {result.Elapsed.TotalSeconds:0.0} s",
        };
        foreach (var s in result.Signatures)
        {
            evidence.Add($"{s.Match.SignatureId} ({s.Match.Severity.ToString().ToLowerInvariant()}): {s.Count:N0}× {(s.FirstTime == null ? "" : $"from {s.FirstTime} to {s.LastTime}")}: {s.Match.Title}");
            evidence.Add($"  e.g. {Path.GetFileName(s.ExampleFile)}:{s.ExampleLine}: {s.Example}");
        }
        if (result.Signatures.Count == 0)
        {
            return CheckOutcome.Pass($"no known failure signature in {result.Lines:N0} lines", evidence);
        }
        var top = result.Signatures[0];
        var finding = $"{top.Match.Title} ({top.Count:N0}×, last {top.LastTime ?? "time unknown"}): {top.Match.Cause}" +
            (result.Signatures.Count > 1 ? $"; {result.Signatures.Count - 1} more signature{(result.Signatures.Count > 2 ? "s" : "")}" : "");
        return top.Match.Severity switch
        {
            LogSeverity.Error => CheckOutcome.Fail(finding, top.Match.Fix, evidence),
            LogSeverity.Warning => CheckOutcome.Warn(finding, top.Match.Fix, evidence),
            _ => CheckOutcome.Pass($"no failure signature in {result.Lines:N0} lines; notes: {finding}", evidence),
        };
    }
}
