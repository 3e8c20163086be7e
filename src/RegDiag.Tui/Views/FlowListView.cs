using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using RegDiag.Tui.Flows;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace RegDiag.Tui.Views;

/// <summary>
/// The live flow list: a virtual table over <see cref="FilteredFlowList"/>, status coloured by class. It
/// follows the newest flow while the cursor sits on the last row; once the user moves away it stays put.
/// </summary>
internal sealed class FlowListView : TableView
{
    private readonly FilteredFlowList _flows;
    private readonly bool _colour;
    private long? _selectedId;

    public FlowListView(FilteredFlowList flows, bool colour)
    {
        _flows = flows;
        _colour = colour;
        Table = new FlowTableSource(flows);
        FullRowSelect = true;
        CollectionNavigator = null;
        MaxCellWidth = 80;
        // Column widths from the rows on screen only: measuring every row would format all 100,000.
        UseAllRowsForContentCalculation = false;
        Style.ShowHorizontalHeaderOverline = false;
        Style.ShowVerticalCellLines = false;
        Style.ShowVerticalHeaderLines = false;
        Style.ShowHorizontalBottomLine = false;
        Style.AlwaysShowHeaders = true;
        Style.ExpandLastColumn = false;
        Style.GetOrCreateColumnStyle(0).MinWidth = 12;
        Style.GetOrCreateColumnStyle(FlowTableSource.StatusColumn).MinWidth = 6;
        Style.GetOrCreateColumnStyle(4).MaxWidth = 30;
        Style.GetOrCreateColumnStyle(5).MaxWidth = 72;
        Style.GetOrCreateColumnStyle(6).Alignment = Alignment.End;
        Style.GetOrCreateColumnStyle(6).MinWidth = 9;
        Style.GetOrCreateColumnStyle(7).Alignment = Alignment.End;
        Style.GetOrCreateColumnStyle(7).MinWidth = 8;
        if (_colour)
        {
            Style.GetOrCreateColumnStyle(FlowTableSource.StatusColumn).ColorGetter = StatusScheme;
        }
        Following = true;
        _flows.Changed += OnFlowsChanged;
        ValueChanged += (_, _) => OnCursorMoved();
        if (_flows.Count > 0)
        {
            SelectRow(_flows.Count - 1);
        }
    }

    /// <summary>Raised when the flow under the cursor changes (null when the list is empty).</summary>
    public event Action<Flow?>? FlowSelected;

    /// <summary>True while the cursor tracks the newest flow.</summary>
    public bool Following { get; private set; }

    public Flow? SelectedFlow => SelectedRow is var row && row >= 0 && row < _flows.Count ? _flows[row] : null;

    public int SelectedRow => Value?.SelectedCell.Y ?? -1;

    /// <summary>Moves the cursor to the flow with this id, if the filter shows it.</summary>
    public bool SelectFlow(long id)
    {
        var index = _flows.IndexOf(id);
        if (index < 0)
        {
            return false;
        }
        SelectRow(index);
        return true;
    }

    public void SelectRow(int row)
    {
        if (_flows.Count == 0)
        {
            return;
        }
        row = Math.Clamp(row, 0, _flows.Count - 1);
        SetSelection(0, row, false, null);
        EnsureCursorIsVisible();
        SetNeedsDraw();
        OnCursorMoved();
    }

    private void OnFlowsChanged(bool rebuilt)
    {
        if (_flows.Count == 0)
        {
            _selectedId = null;
            Update();
            FlowSelected?.Invoke(null);
            return;
        }
        Update();
        if (Following || _selectedId == null)
        {
            SelectRow(_flows.Count - 1);
        }
        else if (rebuilt && !SelectFlow(_selectedId.Value))
        {
            SelectRow(_flows.Count - 1);
        }
        else if (rebuilt)
        {
            EnsureCursorIsVisible();
        }
    }

    private void OnCursorMoved()
    {
        var flow = SelectedFlow;
        Following = _flows.Count == 0 || SelectedRow == _flows.Count - 1;
        if (flow?.Id != _selectedId)
        {
            _selectedId = flow?.Id;
            FlowSelected?.Invoke(flow);
        }
    }

    private Scheme? StatusScheme(CellColorGetterArgs args)
    {
        if (args.RowIndex < 0 || args.RowIndex >= _flows.Count)
        {
            return null;
        }
        var flow = _flows[args.RowIndex];
        var colour = flow.Exchange.Error != null ? Color.BrightRed
            : flow.Status switch
            {
                >= 500 => Color.BrightRed,
                >= 400 when flow.IsError => Color.Red,
                >= 400 => Color.Yellow,
                >= 300 => Color.Cyan,
                >= 200 => Color.Green,
                _ => (Color?)null,
            };
        if (colour == null)
        {
            return null;
        }
        var normal = args.RowScheme.Normal;
        return new Scheme(new Attribute(colour.Value, normal.Background)) { Focus = args.RowScheme.Focus, Active = args.RowScheme.Active };
    }
}
