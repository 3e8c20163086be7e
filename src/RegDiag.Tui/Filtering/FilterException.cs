namespace RegDiag.Tui.Filtering;

/// <summary>The one failure a filter expression can have: where it is wrong and why.</summary>
public sealed class FilterException(string message, int position) : Exception(message)
{
    /// <summary>Character offset in the expression where the problem starts.</summary>
    public int Position { get; } = position;
}
