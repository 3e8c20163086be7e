using RegDiag.Doctor.Api;
using RegDiag.Doctor.Auth;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.S3;

namespace RegDiag.Doctor.Clock;

/// <summary>
/// Compares this machine's clock with the registry's, the token server's (Date and the token's iat) and
/// the object store's, each offset with its uncertainty. The thresholds are the ones that break things:
/// S3 refuses requests signed more than 15 minutes off (RequestTimeTooSkewed), distribution refuses tokens
/// whose nbf/exp are off by more than 60 s, and a skew beyond a token's lifetime makes every token stale.
/// </summary>
internal sealed class ClockCheck : IDoctorCheck
{
    private const double S3MaxSkewSeconds = 15 * 60;
    private const double TokenLeewaySeconds = 60;
    private const double DriftWarningSeconds = 5;

    public string Id => CheckIds.Clock;
    public string Title => "Clock skew";
    public TimeSpan Timeout => TimeSpan.FromSeconds(2);
    public IReadOnlyList<string> DependsOn => [CheckIds.Api, CheckIds.Auth, CheckIds.S3];
    public bool NeedsHost => true;

    public Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var registry = context.Get<ApiFacts>()?.Clock;
        var auth = context.Get<AuthFacts>();
        var s3 = context.Get<S3Facts>()?.Clock;
        var evidence = new List<string>();
        var fails = new List<(string Finding, string Fix)>();
        var warns = new List<(string Finding, string Fix)>();
        const string ntp = "run NTP (chrony/systemd-timesyncd) on every machine involved; check with chronyc tracking or timedatectl";

        foreach (var sample in new[] { registry, auth?.TokenServerClock, s3 }.OfType<ClockSample>())
        {
            evidence.Add($"{sample.Source}: {Describe(sample.OffsetSeconds, sample.UncertaintySeconds)} (round trip {sample.RoundTripMs:0} ms)");
        }
        if (registry != null)
        {
            var off = Math.Abs(registry.OffsetSeconds) - registry.UncertaintySeconds;
            if (off > S3MaxSkewSeconds)
            {
                fails.Add(($"the registry's clock and this machine's differ by {Human(registry.OffsetSeconds)}, more than the 15 minutes S3 tolerates: whichever is wrong gets RequestTimeTooSkewed from S3",
                    ntp));
            }
            else if (off > DriftWarningSeconds)
            {
                warns.Add(($"the registry's clock and this machine's differ by {Human(registry.OffsetSeconds)}", ntp));
            }
        }
        if (s3 != null)
        {
            var off = Math.Abs(s3.OffsetSeconds) - s3.UncertaintySeconds;
            if (off > S3MaxSkewSeconds)
            {
                fails.Add(($"this machine's clock is {Human(-s3.OffsetSeconds)} off the object store's: beyond 15 minutes S3 answers RequestTimeTooSkewed", ntp));
            }
            if (registry != null)
            {
                var between = registry.OffsetSeconds - s3.OffsetSeconds;
                var uncertainty = registry.UncertaintySeconds + s3.UncertaintySeconds;
                evidence.Add($"registry vs object store: {Describe(between, uncertainty)}");
                if (Math.Abs(between) - uncertainty > S3MaxSkewSeconds)
                {
                    fails.Add(($"the registry's clock is {Human(between)} off the object store's: its S3 requests fail with RequestTimeTooSkewed (clients see 500 UNKNOWN)",
                        "run NTP on the registry host"));
                }
            }
        }
        if (auth?.Claims?.IssuedAt is { } iat)
        {
            // iat has whole-second resolution and was stamped between our request and its receipt.
            var tokenOffset = (iat.AddMilliseconds(500) - auth.ReceivedAt).TotalSeconds;
            var uncertainty = (auth.TokenServerClock?.RoundTripMs ?? 0) / 2000 + 0.5;
            evidence.Add($"token iat: token server {Describe(tokenOffset, uncertainty)}");
            var lifetime = auth.Claims.Expires is { } exp ? (exp - iat).TotalSeconds : (double?)null;
            if (registry != null)
            {
                var between = tokenOffset - registry.OffsetSeconds;
                var u = uncertainty + registry.UncertaintySeconds;
                evidence.Add($"token server vs registry: {Describe(between, u)}" + (lifetime != null ? $"; token lifetime {lifetime / 60:0.#} min" : ""));
                if (lifetime != null && Math.Abs(between) - u > lifetime)
                {
                    fails.Add(($"the token server's clock is {Human(between)} off the registry's, more than a token's lifetime ({lifetime / 60:0.#} min): every token is stale on arrival (\"token not to be used after/before …\")", ntp));
                }
                else if (Math.Abs(between) - u > TokenLeewaySeconds)
                {
                    fails.Add(($"the token server's clock is {Human(between)} off the registry's, beyond distribution's 60 s leeway: tokens are refused as not yet valid or expired", ntp));
                }
            }
        }
        if (evidence.Count == 0)
        {
            return Task.FromResult(CheckOutcome.Skip("no remote clock to compare with (the registry sent no Date header)"));
        }
        if (fails.Count > 0)
        {
            return Task.FromResult(CheckOutcome.Fail(fails[0].Finding, fails[0].Fix, evidence));
        }
        if (warns.Count > 0)
        {
            return Task.FromResult(CheckOutcome.Warn(warns[0].Finding, warns[0].Fix, evidence));
        }
        var worst = new[] { registry, auth?.TokenServerClock, s3 }.OfType<ClockSample>().Select(s => Math.Abs(s.OffsetSeconds)).DefaultIfEmpty(0).Max();
        return Task.FromResult(CheckOutcome.Pass($"clocks agree (largest offset {worst:0.0} s, within what matters)", evidence));
    }

    private static string Describe(double offsetSeconds, double uncertaintySeconds) =>
        $"{(offsetSeconds >= 0 ? "+" : "")}{offsetSeconds:0.0} s ± {uncertaintySeconds:0.0} s ({(offsetSeconds >= 0 ? "ahead of" : "behind")} this machine)";

    private static string Human(double seconds)
    {
        var abs = Math.Abs(seconds);
        var text = abs >= 3540 ? $"{abs / 3600:0.#} h" : abs >= 60 ? $"{abs / 60:0.#} min" : $"{abs:0} s";
        return text;
    }
}
