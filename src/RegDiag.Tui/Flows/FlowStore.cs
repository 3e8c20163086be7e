using System.Collections.Concurrent;
using RegDiag.Core.Analysis;
using RegDiag.Core.Capture;
using RegDiag.Core.Decoding;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Model;

namespace RegDiag.Tui.Flows;

/// <summary>
/// The observable list of flows the UI shows (compare mitmproxy's view addon).
/// <code>
/// capture threads ─OnExchange─► incoming ─classifier thread─► classified ─Drain (UI timer)─► Flows
/// </code>
/// <see cref="OnExchange"/> only enqueues, so capture never waits on the UI; a background thread classifies
/// (the decoder's classifier keeps state, so one thread); the UI thread appends classified flows in batches
/// and applies each finished analysis. Everything except <see cref="OnExchange"/> belongs to the UI thread.
/// </summary>
public sealed class FlowStore : IExchangeSink, IDisposable
{
    /// <summary>At most this many flows join the list per drain, so one tick never freezes the screen.</summary>
    public const int DrainLimit = 20_000;

    private readonly ConcurrentQueue<Exchange> _incoming = new();
    private readonly ConcurrentQueue<Flow> _classified = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Flow> _flows = [];
    private Task? _worker;
    private volatile bool _resetClassifier;
    private long _savedUpTo = long.MinValue;
    private long _received;
    private long _processed;

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
    public int Pending => _incoming.Count + _classified.Count;

    /// <summary>Exchanges received but not yet classified.</summary>
    public int Unclassified => _incoming.Count;

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
        if (exchange == null || _stop.IsCancellationRequested)
        {
            return;
        }
        _incoming.Enqueue(exchange);
        Interlocked.Increment(ref _received);
        if (_worker == null)
        {
            lock (_incoming)
            {
                _worker ??= Task.Factory.StartNew(Classify, TaskCreationOptions.LongRunning);
            }
        }
        try
        {
            _signal.Release();
        }
        catch (ObjectDisposedException)
        {
            // Published after the UI closed: the journal has it; nobody is looking any more.
        }
    }

    /// <summary>Waits until every published exchange is classified (ready for <see cref="Drain"/>).</summary>
    public bool WaitForClassification(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Interlocked.Read(ref _processed) < Interlocked.Read(ref _received))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            Thread.Sleep(5);
        }
        return true;
    }

    /// <summary>Adds exchanges read from a file, classified and analysed at once (on the calling thread).</summary>
    public void Load(IEnumerable<Exchange> exchanges)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        var classifier = new Classifier();
        foreach (var exchange in exchanges)
        {
            _classified.Enqueue(new Flow(exchange, classifier.Classify(exchange)));
        }
        while (Drain(force: true) > 0)
        {
        }
        Apply(Analyzer.Analyze(_flows.Select(f => f.Exchange)), Generation, _flows.Count);
    }

    /// <summary>Moves classified flows into the list (at most <see cref="DrainLimit"/>). Returns how many.</summary>
    public int Drain(bool force = false)
    {
        if ((Paused && !force) || _classified.IsEmpty)
        {
            return 0;
        }
        var first = _flows.Count;
        while (_flows.Count - first < DrainLimit && _classified.TryDequeue(out var flow))
        {
            var exchange = flow.Exchange;
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
        _resetClassifier = true;
        _classified.Clear();
        Cleared?.Invoke();
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _worker?.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The worker only ends by cancellation.
        }
        _signal.Dispose();
        _stop.Dispose();
    }

    private void Classify()
    {
        var classifier = new Classifier();
        try
        {
            while (true)
            {
                _signal.Wait(_stop.Token);
                if (_resetClassifier)
                {
                    _resetClassifier = false;
                    classifier = new Classifier();
                }
                while (_incoming.TryDequeue(out var exchange))
                {
                    Flow flow;
                    try
                    {
                        flow = new Flow(exchange, classifier.Classify(exchange));
                    }
                    catch (Exception)
                    {
                        // A decoder bug must not lose the exchange: show it unclassified.
                        flow = new Flow(exchange, Classification.Other);
                    }
                    _classified.Enqueue(flow);
                    Interlocked.Increment(ref _processed);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
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
