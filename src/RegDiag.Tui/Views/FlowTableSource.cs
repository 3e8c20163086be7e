using Terminal.Gui.Views;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Views;

/// <summary>
/// The flow list's virtual table: cells are formatted on demand, so the table view only ever touches the
/// rows on screen however many flows there are.
/// </summary>
internal sealed class FlowTableSource(FilteredFlowList flows) : ITableSource
{
    public const int StatusColumn = 3;

    private static readonly string[] Names = ["Time", "Client", "Method", "Status", "Host", "Path", "Size", "Duration"];

    public string[] ColumnNames => Names;

    public int Columns => Names.Length;

    public int Rows => flows.Count;

    public object this[int row, int col]
    {
        get
        {
            var flow = flows[row];
            return col switch
            {
                0 => FlowFormat.Time(flow),
                1 => flow.Exchange.ClientAddress ?? "",
                2 => flow.Exchange.Request.Method,
                StatusColumn => FlowFormat.Status(flow),
                4 => FlowFormat.Host(flow),
                5 => FlowFormat.ShortPath(flow),
                6 => FlowFormat.FlowSize(flow),
                7 => FlowFormat.Duration(flow.Exchange.Timings.DurationMs),
                _ => "",
            };
        }
    }
}
