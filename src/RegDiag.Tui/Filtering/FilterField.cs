using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Filtering;

/// <summary>
/// One field of the filter language: its name, an example and help line (the help screen shows them), and
/// how it matches. A field has a text match, a number to compare, or both.
/// </summary>
/// <param name="Name">What the user types before the operator.</param>
/// <param name="Example">A complete example term.</param>
/// <param name="Help">One line saying what it selects.</param>
/// <param name="Match">The <c>key:value</c> rule; the value arrives as typed.</param>
/// <param name="Number">The number compared by <c>= != &lt; &lt;= &gt; &gt;=</c>, or null when the flow has none.</param>
/// <param name="ParseNumber">Reads the typed value as a number (units such as <c>1M</c> or <c>2s</c>), null if it is not one.</param>
/// <param name="Values">The only values the field accepts, when it is a closed set.</param>
public sealed record FilterField(
    string Name,
    string Example,
    string Help,
    Func<Flow, string, bool>? Match,
    Func<Flow, double?>? Number = null,
    Func<string, double?>? ParseNumber = null,
    IReadOnlyList<string>? Values = null)
{
    public bool IsNumeric => Number != null;
}
