using System.Collections.Concurrent;
using RegDiag.Core.Analysis;
using RegDiag.Core.Capture;
using RegDiag.Core.Decoding;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Model;

namespace RegDiag.Tui.Flows;

/// <summary>
/// The observable list of flows the UI shows (compare mitmproxy's view addon). Producers publish through
/// <see cref="OnExchange"/> from any thread: it only enqueues, so capture never waits on the UI. The UI
/// thread calls <see cref="Drain"/> on a timer, which classifies the queued exchanges and appends them in
/// one batch, and applies each finished analysis. Everything except <see cref="OnExchange"/> belongs to the
/// UI thread.
/// </summary>
public sealed class FlowStore : IExchangeSink
{
    private readonly ConcurrentQueue<Exchange> _incoming = new();
    private readonly List<Flow> _flows = [];
    private Classifier _classifier = new();
    private long _savedUpTo = long.MinValue;

    /// <param name="live">True when flows come from a running capture (quitting then asks to confirm).</param>
    public FlowStore(bool live)
    {
        IsLive = live;
    }

    /// <summary>Raised on the UI thread after a batch was appended; the argument is the first new index.</summary>
    public event Action<int>? Appended;

    /// <summary>Raised on the UI thread after <see cref="Clear"/>.</summary>
    public event Action? Cleared;

    /// <summary>Raised on the UI thread after an analysis was applied to the flows.</summary>
    public event Action? Analysed;

    public bool IsLive { get; }

    /// <summary>While paused, arriving exchanges wait in the queue (capture and the journal go on).</summary>
    public bool Paused { get; set; }

    public IReadOnlyList<Flow> Flows => _flows;

    /// <summary>Exchanges received but not yet shown (paused, or waiting for the next drain).</summary>
    public int Pending => _incoming.Count;

    public ThroughputMeter Throughput { get; } = new();

    public int ErrorCount { get; private set; }

    /// <summary>Bumped by <see cref="Clear"/>, so an analysis started before it is not applied after it.</summary>
    public int Generation { get; private set; }

    /// <summary>The last analysis applied, or null.</summary>
    public AnalysisResult? Analysis { get; private set; }

    /// <summary>How many flows the last applied analysis covered.</summary>
    public int AnalysedCount { get; private set; }

    /// <summary>True when a live capture holds flows that were not exported since they arrived.</summary>
    public bool HasUnsavedFlows => IsLive && _flows.Count > 0 && _flows[^1].Id > _savedUpTo;

    public void OnExchange(Exchange exchange)
    {
        if (exchange != null)
        {
            _incoming.Enqueue(exchange);
        }
    }

    /// <summary>Adds exchanges read from a file and analyses them at once.</summary>
    public void Load(IEnumerable<Exchange> exchanges)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        foreach (var exchange in exchanges)
        {
            _incoming.Enqueue(exchange);
        }
        Drain(force: true);
        Apply(Analyzer.Analyze(_flows.Select(f => f.Exchange)), Generation, _flows.Count);
    }

    /// <summary>Moves queued exchanges into the list. Returns how many were added.</summary>
    public int Drain(bool force = false)
    {
        if ((Paused && !force) || _incoming.IsEmpty)
        {
            return 0;
        }
        var first = _flows.Count;
        while (_incoming.TryDequeue(out var exchange))
        {
            var flow = new Flow(exchange, _classifier.Classify(exchange));
            _flows.Add(flow);
            if (flow.IsError)
            {
                ErrorCount++;
            }
            Throughput.Record(exchange.Timings.Started, exchange.Request.Body.Size + (exchange.Response?.Body.Size ?? 0));
        }
        Appended?.Invoke(first);
        return _flows.Count - first;
    }

    /// <summary>Forgets every flow shown so far (not the journal).</summary>
    public void Clear()
    {
        _flows.Clear();
        ErrorCount = 0;
        Analysis = null;
        AnalysedCount = 0;
        Generation++;
        _classifier = new Classifier();
        Cleared?.Invoke();
    }

    /// <summary>Records that everything shown so far was saved (exported).</summary>
    public void MarkSaved()
    {
        if (_flows.Count > 0)
        {
            _savedUpTo = _flows[^1].Id;
        }
    }

    /// <summary>
    /// Applies an analysis of the first <paramref name="count"/> flows, taken at <paramref name="generation"/>:
    /// each flow gets the diagnoses whose evidence cites it, its correlation links and its error state.
    /// </summary>
    public void Apply(AnalysisResult result, int generation, int count)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (generation != Generation || count > _flows.Count)
        {
            return;
        }
        var byExchange = new Dictionary<Exchange, Flow>(count, ReferenceEqualityComparer.Instance);
        var byId = new Dictionary<long, Flow>(count);
        for (var i = 0; i < count; i++)
        {
            byExchange[_flows[i].Exchange] = _flows[i];
            byId.TryAdd(_flows[i].Id, _flows[i]);
        }
        var cited = new Dictionary<Flow, List<Diagnosis>>();
        foreach (var diagnosis in result.Diagnoses)
        {
            foreach (var evidence in diagnosis.Evidence)
            {
                if (byId.TryGetValue(evidence.Exchange, out var flow))
                {
                    if (!cited.TryGetValue(flow, out var list))
                    {
                        cited[flow] = list = [];
                    }
                    if (!list.Contains(diagnosis))
                    {
                        list.Add(diagnosis);
                    }
                }
            }
        }
        var stopped = new HashSet<Exchange>(ReferenceEqualityComparer.Instance);
        foreach (var operation in result.Operations)
        {
            if (operation.StoppedAt is { } index)
            {
                stopped.Add(result.Exchanges[index].Exchange);
            }
        }
        foreach (var analysed in result.Exchanges)
        {
            if (byExchange.TryGetValue(analysed.Exchange, out var flow))
            {
                flow.Analyzed = analysed;
            }
        }
        var errors = 0;
        for (var i = 0; i < _flows.Count; i++)
        {
            var flow = _flows[i];
            if (i < count)
            {
                flow.Diagnoses = cited.TryGetValue(flow, out var list) ? list : [];
                flow.IsError = flow.Exchange.Error != null || flow.Status >= 500 || stopped.Contains(flow.Exchange)
                    || flow.Diagnoses.Any(d => d.Severity >= Severity.Warning);
            }
            errors += flow.IsError ? 1 : 0;
        }
        ErrorCount = errors;
        Analysis = result;
        AnalysedCount = count;
        Analysed?.Invoke();
    }
}
