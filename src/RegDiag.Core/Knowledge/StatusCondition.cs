namespace RegDiag.Core.Knowledge;

/// <summary>"403" (one status) or "5xx" (a class).</summary>
internal readonly record struct StatusCondition(int Low, int High)
{
    public bool Matches(int status) => status >= Low && status <= High;

    public static bool TryParse(string text, out StatusCondition condition)
    {
        condition = default;
        if (text.Length == 3 && text.EndsWith("xx", StringComparison.Ordinal) && text[0] is >= '1' and <= '5')
        {
            var hundred = (text[0] - '0') * 100;
            condition = new StatusCondition(hundred, hundred + 99);
            return true;
        }
        if (int.TryParse(text, out var status) && status is >= 100 and <= 599)
        {
            condition = new StatusCondition(status, status);
            return true;
        }
        return false;
    }
}
