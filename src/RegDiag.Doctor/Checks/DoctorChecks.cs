using RegDiag.Doctor.Api;
using RegDiag.Doctor.BodySize;
using RegDiag.Doctor.Auth;
using RegDiag.Doctor.Clock;
using RegDiag.Doctor.Debug;
using RegDiag.Doctor.Latency;
using RegDiag.Doctor.Logs;
using RegDiag.Doctor.Names;
using RegDiag.Doctor.Probe;
using RegDiag.Doctor.Reachability;
using RegDiag.Doctor.S3;
using RegDiag.Doctor.Stability;
using RegDiag.Doctor.Tls;

namespace RegDiag.Doctor.Checks;

/// <summary>The checks of `regdiag doctor`, in report order (the one list the runner, --only and the docs use).</summary>
public static class DoctorChecks
{
    public static IReadOnlyList<IDoctorCheck> Create(ILogLineMatcher? logMatcher = null) =>
    [
        new ReachabilityCheck(),
        new TlsCheck(),
        new ApiCheck(),
        new AuthCheck(),
        new ClockCheck(),
        new ImageNameCheck(),
        new DebugCheck(),
        new S3Check(),
        new LogsCheck(logMatcher ?? KnowledgeBaseLogLineMatcher.Default),
        new ProbePushCheck(),
        new BodySizeCheck(),
        new LatencyCheck(),
        new StabilityCheck(),
    ];

    /// <summary>Runs the default checks for these options.</summary>
    public static Task<DoctorReport> RunAsync(DoctorContext context, CancellationToken cancellationToken = default) =>
        new DoctorRunner(Create()).RunAsync(context, cancellationToken);
}
