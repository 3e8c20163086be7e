using System.Diagnostics;
using RegDiag.Testing.Captures;
using RegDiag.Tui.Flows;
using Xunit.Abstractions;

namespace RegDiag.Tui.Tests.App;

/// <summary>The list stays responsive with a large capture and a burst of arrivals.</summary>
public sealed class FlowBrowserLoadTests(ITestOutputHelper output)
{
    [Fact]
    public void FlowList_HundredThousandFlowsAndBurst_DrawsAndFiltersQuickly()
    {
        var template = S3HeadForbiddenPush.Exchanges();
        using var store = new FlowStore(live: true);
        using var ui = new HeadlessUi(store);
        var publisher = new Thread(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                store.OnExchange(template[i % template.Count] with { Id = i + 1 });
            }
        });
        var publishing = Stopwatch.StartNew();
        publisher.Start();
        publisher.Join();
        publishing.Stop();

        var watch = Stopwatch.StartNew();
        Assert.True(store.WaitForClassification(TimeSpan.FromSeconds(90)));
        var classify = watch.Elapsed;
        watch.Restart();
        ui.Tick();
        ui.Tick();
        ui.Tick();
        ui.Tick();
        ui.Tick();
        var drain = watch.Elapsed;
        watch.Restart();
        var screen = ui.Screen;
        var draw = watch.Elapsed;
        Assert.Contains("100000 flows", screen);
        Assert.Equal(100_000, ui.Browser.List.SelectedFlow?.Id);

        // A burst of 1,000 more: one tick appends them and redraws.
        for (var i = 0; i < 1_000; i++)
        {
            store.OnExchange(template[i % template.Count] with { Id = 100_001 + i });
        }
        Assert.True(store.WaitForClassification(TimeSpan.FromSeconds(30)));
        watch.Restart();
        ui.Tick();
        _ = ui.Screen;
        var burst = watch.Elapsed;

        watch.Restart();
        ui.Browser.FilterField.Text = "kind:s3 status>=400";
        _ = ui.Screen;
        var filter = watch.Elapsed;
        Assert.Equal(101_000 * 2 / 7, ui.Browser.Filtered.Count, tolerance: 1);

        output.WriteLine($"publish {publishing.Elapsed} classify {classify} drain {drain} draw {draw} burst {burst} filter {filter}");
        Assert.True(publishing.Elapsed < TimeSpan.FromSeconds(2), $"publishing 100,000 took {publishing.Elapsed}: capture must not wait");
        Assert.True(classify < TimeSpan.FromSeconds(60), $"classifying 100,000 (background) took {classify}");
        // Generous bounds: the machine running the suite is shared, and the background analysis of 100,000
        // exchanges competes for the same cores. Typical figures are printed above.
        Assert.True(drain < TimeSpan.FromSeconds(15), $"five ticks appending and drawing 100,000 took {drain}");
        Assert.True(draw < TimeSpan.FromSeconds(3), $"drawing took {draw}");
        Assert.True(burst < TimeSpan.FromSeconds(3), $"a 1,000-flow tick took {burst}");
        Assert.True(filter < TimeSpan.FromSeconds(3), $"filtering 101,000 took {filter}");
    }
}
