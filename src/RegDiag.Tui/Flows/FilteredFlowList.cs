using RegDiag.Tui.Filtering;

namespace RegDiag.Tui.Flows;

/// <summary>
/// The flows that pass the current filter and quick toggles, in capture order. Appends incrementally as the
/// store grows and rebuilds only when the filter changes, so a burst costs the new flows only.
/// UI thread only.
/// </summary>
public sealed class FilteredFlowList
{
    private readonly FlowStore _store;
    private readonly List<Flow> _items = [];
    private Func<Flow, bool> _expression = static _ => true;

    public FilteredFlowList(FlowStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _store.Appended += OnAppended;
        _store.Cleared += Rebuild;
        _store.Analysed += Rebuild;
        Rebuild();
    }

    /// <summary>Raised after the list changed; true when it was rebuilt rather than appended to.</summary>
    public event Action<bool>? Changed;

    public IReadOnlyList<Flow> Items => _items;

    public int Count => _items.Count;

    public Flow this[int index] => _items[index];

    /// <summary>The filter expression as typed (empty for none).</summary>
    public string Expression { get; private set; } = "";

    public bool ErrorsOnly { get; private set; }

    public bool HidePings { get; private set; }

    /// <summary>Sets the filter expression.</summary>
    /// <exception cref="FilterException">The expression is invalid; the current filter stays.</exception>
    public void SetExpression(string expression)
    {
        _expression = FilterParser.Parse(expression ?? "");
        Expression = expression ?? "";
        Rebuild();
    }

    public void SetErrorsOnly(bool value)
    {
        ErrorsOnly = value;
        Rebuild();
    }

    public void SetHidePings(bool value)
    {
        HidePings = value;
        Rebuild();
    }

    /// <summary>Where a flow sits in the filtered list, or -1.</summary>
    public int IndexOf(long flowId)
    {
        var low = 0;
        var high = _items.Count - 1;
        // Ids grow in capture order, so the list is sorted by id.
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var id = _items[mid].Id;
            if (id == flowId)
            {
                return mid;
            }
            if (id < flowId)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return _items.FindIndex(f => f.Id == flowId);
    }

    private bool Passes(Flow flow) =>
        (!ErrorsOnly || flow.IsError) && (!HidePings || !flow.IsPing) && _expression(flow);

    private void OnAppended(int first)
    {
        var flows = _store.Flows;
        for (var i = first; i < flows.Count; i++)
        {
            if (Passes(flows[i]))
            {
                _items.Add(flows[i]);
            }
        }
        Changed?.Invoke(false);
    }

    private void Rebuild()
    {
        _items.Clear();
        foreach (var flow in _store.Flows)
        {
            if (Passes(flow))
            {
                _items.Add(flow);
            }
        }
        Changed?.Invoke(true);
    }
}
