using System.Diagnostics;
using RegDiag.Core.Analysis;

namespace RegDiag.Tui.Flows;

/// <summary>
/// Re-analyses a live capture in the background: diagnoses and operations need the exchanges around each
/// one, so the whole capture is analysed again once new flows arrived, at most every second (or every two
/// analysis durations on a large capture). The UI thread keeps drawing; the result is posted back to it.
/// </summary>
internal sealed class AnalysisScheduler(FlowStore store, Action<Action> postToUi)
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private bool _running;
    private DateTimeOffset _lastStart = DateTimeOffset.MinValue;
    private TimeSpan _lastDuration;

    /// <summary>The message of the last failed analysis, if any.</summary>
    public string? Failure { get; private set; }

    /// <summary>Starts an analysis when one is due. UI thread.</summary>
    public void Tick(DateTimeOffset now)
    {
        if (_running || store.Flows.Count == store.AnalysedCount)
        {
            return;
        }
        var interval = _lastDuration * 2 > MinimumInterval ? _lastDuration * 2 : MinimumInterval;
        if (now - _lastStart < interval)
        {
            return;
        }
        _running = true;
        _lastStart = now;
        var snapshot = new Core.Model.Exchange[store.Flows.Count];
        for (var i = 0; i < snapshot.Length; i++)
        {
            snapshot[i] = store.Flows[i].Exchange;
        }
        var generation = store.Generation;
        _ = Task.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var result = Analyzer.Analyze(snapshot);
                postToUi(() =>
                {
                    _running = false;
                    _lastDuration = watch.Elapsed;
                    Failure = null;
                    store.Apply(result, generation, snapshot.Length);
                });
            }
            catch (Exception e)
            {
                // An analysis bug must not take the capture view down with it: say so and keep showing flows.
                postToUi(() =>
                {
                    _running = false;
                    Failure = $"analysis failed: {e.GetType().Name}: {e.Message}";
                });
            }
        });
    }
}
