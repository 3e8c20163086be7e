using RegDiag.Doctor.Checks;

namespace RegDiag.Doctor.Tests.Support;

/// <summary>Runs the real checks and gives the results by id, with the whole report for failure messages.</summary>
internal sealed class DoctorRun
{
    private DoctorRun(DoctorReport report) => Report = report;

    public DoctorReport Report { get; }

    public CheckResult this[string id] =>
        Report.Checks.FirstOrDefault(c => c.Id == id) ?? throw new Xunit.Sdk.XunitException($"check {id} did not run:\n{Describe()}");

    public static async Task<DoctorRun> RunAsync(DoctorOptions options)
    {
        var report = await DoctorChecks.RunAsync(new DoctorContext(options));
        return new DoctorRun(report);
    }

    public string Describe() => string.Join("\n", Report.Checks.Select(c =>
        $"{c.Id}: {c.Status}: {c.Finding}{(c.Fix == null ? "" : $" | fix: {c.Fix}")}\n    " + string.Join("\n    ", c.Evidence)));

    /// <summary>Asserts the check's status, showing every check's result when it differs.</summary>
    public CheckResult Expect(string id, CheckStatus status)
    {
        var result = this[id];
        Assert.True(result.Status == status, $"expected {id} to be {status}, got {result.Status}\n{Describe()}");
        return result;
    }

    /// <summary>Asserts that every check not named ran to pass or skipped (none failed or warned).</summary>
    public void ExpectOthersPassOrSkip(params string[] except)
    {
        foreach (var check in Report.Checks.Where(c => !except.Contains(c.Id)))
        {
            Assert.True(check.Status is CheckStatus.Pass or CheckStatus.Skipped, $"expected {check.Id} to pass, got {check.Status}\n{Describe()}");
        }
    }
}
