using System.Collections.Concurrent;
using RegDiag.Core.Capture;
using RegDiag.Core.Model;

namespace RegDiag.Tui.Flows;

/// <summary>
/// The observable list of flows the UI shows (compare mitmproxy's view addon). Producers publish through
/// <see cref="OnExchange"/> from any thread: it only enqueues, so capture never waits on the UI. The UI
/// thread calls <see cref="Drain"/> on a timer, which annotates the queued exchanges and appends them in one
/// batch; everything except <see cref="OnExchange"/> belongs to the UI thread.
/// </summary>
public sealed class FlowStore : IExchangeSink
{
    private readonly ConcurrentQueue<Exchange> _incoming = new();
    private readonly List<Flow> _flows = [];
    private readonly FlowAnnotator _annotator = new();
    private long _unsavedSince;

    /// <param name="live">True when flows come from a running capture (quitting then asks to confirm).</param>
    public FlowStore(bool live)
    {
        IsLive = live;
    }

    /// <summary>Raised on the UI thread after a batch was appended; the argument is the first new index.</summary>
    public event Action<int>? Appended;

    /// <summary>Raised on the UI thread after <see cref="Clear"/>.</summary>
    public event Action? Cleared;

    public bool IsLive { get; }

    /// <summary>While paused, arriving exchanges wait in the queue (capture and the journal go on).</summary>
    public bool Paused { get; set; }

    public IReadOnlyList<Flow> Flows => _flows;

    /// <summary>Exchanges received but not yet shown (paused, or waiting for the next drain).</summary>
    public int Pending => _incoming.Count;

    public ThroughputMeter Throughput { get; } = new();

    public int ErrorCount { get; private set; }

    /// <summary>True when a live capture holds flows that were not exported since they arrived.</summary>
    public bool HasUnsavedFlows => IsLive && _flows.Count > 0 && _flows[^1].Id > _unsavedSince;

    public void OnExchange(Exchange exchange)
    {
        if (exchange != null)
        {
            _incoming.Enqueue(exchange);
        }
    }

    /// <summary>Adds exchanges directly (reading a file); same as publishing then draining.</summary>
    public void AddRange(IEnumerable<Exchange> exchanges)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        foreach (var exchange in exchanges)
        {
            _incoming.Enqueue(exchange);
        }
        Drain(force: true);
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
            var flow = _annotator.Annotate(exchange);
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
        _annotator.Reset();
        Cleared?.Invoke();
    }

    /// <summary>Records that everything shown so far was saved (exported).</summary>
    public void MarkSaved()
    {
        _unsavedSince = _flows.Count > 0 ? _flows[^1].Id : _unsavedSince;
    }
}
