using RegDiag.Core;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Tests.Checks;

public sealed class DoctorRunnerTests
{
    private sealed class FakeCheck(string id, Func<DoctorContext, CancellationToken, Task<CheckOutcome>> run, string[]? dependsOn = null, bool needsHost = false, double timeoutSeconds = 5) : IDoctorCheck
    {
        public string Id => id;
        public string Title => id;
        public TimeSpan Timeout => TimeSpan.FromSeconds(timeoutSeconds);
        public IReadOnlyList<string> DependsOn => dependsOn ?? [];
        public bool NeedsHost => needsHost;
        public Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken) => run(context, cancellationToken);
    }

    private sealed record Marker(string Value);

    private static readonly RegistryTarget Host = RegistryTarget.Parse("registry.test");

    private static IDoctorCheck Passing(string id, string[]? dependsOn = null, bool needsHost = false) =>
        new FakeCheck(id, (_, _) => Task.FromResult(CheckOutcome.Pass(id)), dependsOn, needsHost);

    [Fact]
    public void Select_OnlyWithDependencies_AddsTheDependencies()
    {
        var runner = new DoctorRunner([Passing("a"), Passing("b", ["a"]), Passing("c")]);

        var selected = runner.Select(new DoctorOptions { Only = ["b"], Target = Host });

        Assert.Equal(["a", "b"], selected.Select(c => c.Id));
    }

    [Fact]
    public void Select_Skip_RemovesEvenDependencies()
    {
        var runner = new DoctorRunner([Passing("a"), Passing("b", ["a"]), Passing("c")]);

        var selected = runner.Select(new DoctorOptions { Skip = ["a"], Target = Host });

        Assert.Equal(["b", "c"], selected.Select(c => c.Id));
    }

    [Fact]
    public void Select_UnknownId_ThrowsInputExceptionListingTheIds()
    {
        var runner = new DoctorRunner([Passing("a")]);

        var error = Assert.Throws<InputException>(() => runner.Select(new DoctorOptions { Only = ["nope"] }));
        Assert.Contains("the checks are a", error.Message);
    }

    [Fact]
    public void Select_NoHost_DropsHostChecksButRefusesAnExplicitOne()
    {
        var runner = new DoctorRunner([Passing("net", needsHost: true), Passing("offline")]);

        Assert.Equal(["offline"], runner.Select(new DoctorOptions()).Select(c => c.Id));
        Assert.Throws<InputException>(() => runner.Select(new DoctorOptions { Only = ["net"] }));
    }

    [Fact]
    public async Task Run_Dependency_SeesTheFactItsDependencyPublished()
    {
        var producer = new FakeCheck("producer", async (context, _) =>
        {
            await Task.Delay(50);
            context.Publish(new Marker("from producer"));
            return CheckOutcome.Pass("published");
        });
        var consumer = new FakeCheck("consumer", (context, _) =>
            Task.FromResult(CheckOutcome.Pass(context.Get<Marker>()?.Value ?? "missing")), ["producer"]);

        var report = await new DoctorRunner([consumer, producer]).RunAsync(new DoctorContext(new DoctorOptions()));

        Assert.Equal("from producer", report.Checks.Single(c => c.Id == "consumer").Finding);
        Assert.Equal(["consumer", "producer"], report.Checks.Select(c => c.Id));
    }

    [Fact]
    public async Task Run_IndependentChecks_RunConcurrently()
    {
        // Each check waits until all three have started: they finish only if the runner overlaps them
        // (proved by the order of events, not by wall time, which a loaded machine stretches).
        var started = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = (string id) => new FakeCheck(id, async (_, token) =>
        {
            if (Interlocked.Increment(ref started) == 3)
            {
                all.SetResult();
            }
            await all.Task.WaitAsync(token);
            return CheckOutcome.Pass(id);
        });
        var runner = new DoctorRunner([waiting("a"), waiting("b"), waiting("c")]);

        var report = await runner.RunAsync(new DoctorContext(new DoctorOptions()));

        Assert.All(report.Checks, c => Assert.Equal(CheckStatus.Pass, c.Status));
    }

    [Fact]
    public async Task Run_CheckOverrunsTimeout_FailsWithoutStoppingOthers()
    {
        var hanging = new FakeCheck("hang", async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return CheckOutcome.Pass("never");
        }, timeoutSeconds: 0.2);

        var report = await new DoctorRunner([hanging, Passing("ok")]).RunAsync(new DoctorContext(new DoctorOptions()));

        var hang = report.Checks.Single(c => c.Id == "hang");
        Assert.Equal(CheckStatus.Fail, hang.Status);
        Assert.Contains("did not finish within 0.2 s", hang.Finding);
        Assert.Equal(CheckStatus.Pass, report.Checks.Single(c => c.Id == "ok").Status);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public async Task Run_CheckThrows_IsAFailedCheck()
    {
        var broken = new FakeCheck("broken", (_, _) => throw new InvalidOperationException("boom"));

        var report = await new DoctorRunner([broken]).RunAsync(new DoctorContext(new DoctorOptions()));

        Assert.Contains("boom", report.Checks.Single().Finding);
        Assert.Equal(CheckStatus.Fail, report.Overall);
    }

    [Fact]
    public async Task Run_OnlyWarnings_ExitsZero()
    {
        var warn = new FakeCheck("w", (_, _) => Task.FromResult(CheckOutcome.Warn("careful", "fix")));

        var report = await new DoctorRunner([warn, Passing("p")]).RunAsync(new DoctorContext(new DoctorOptions()));

        Assert.Equal(CheckStatus.Warn, report.Overall);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public void DefaultChecks_HaveTheDocumentedIdsInReportOrder()
    {
        Assert.Equal(CheckIds.All, DoctorChecks.Create().Select(c => c.Id));
    }
}
