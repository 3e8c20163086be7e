namespace RegDiag.Tui.Filtering;

/// <summary>How a field term compares its value: <c>:</c> matches text, the others compare numbers.</summary>
public enum FilterComparison
{
    /// <summary><c>key:value</c> - the field's own match rule (substring, prefix, class like <c>4xx</c>).</summary>
    Match,

    /// <summary><c>key=value</c></summary>
    Equal,

    /// <summary><c>key!=value</c></summary>
    NotEqual,

    /// <summary><c>key&gt;value</c></summary>
    Greater,

    /// <summary><c>key&gt;=value</c></summary>
    GreaterOrEqual,

    /// <summary><c>key&lt;value</c></summary>
    Less,

    /// <summary><c>key&lt;=value</c></summary>
    LessOrEqual,
}
