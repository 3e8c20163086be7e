using System.Text;
using RegDiag.Tui.Filtering;

namespace RegDiag.Tui.App;

/// <summary>The help screen, built from the key table and the filter field table so it cannot go stale.</summary>
internal static class HelpText
{
    public static string Build(IEnumerable<KeyCommand> commands, IEnumerable<FilterField> fields)
    {
        var text = new StringBuilder();
        text.AppendLine("KEYS");
        foreach (var command in commands)
        {
            text.Append("  ").Append(command.Key.ToString().PadRight(8)).AppendLine(command.Help);
        }
        text.AppendLine("  Enter   open the selected exchange      Tab  next pane      Esc  back to the list");
        text.AppendLine("  The mouse selects rows, scrolls panes and clicks the key bar.");
        text.AppendLine();
        text.AppendLine("FILTER   terms side by side must all match; | or 'or' for either; ! or 'not' negates; ( ) group");
        foreach (var field in fields)
        {
            text.Append("  ").Append(field.Example.PadRight(26)).Append(field.Help);
            if (field.Values != null)
            {
                text.Append(": ").Append(string.Join(", ", field.Values));
            }
            text.AppendLine();
        }
        text.Append("  ").Append("any other word".PadRight(26)).AppendLine("URL, method, status, operation or diagnosis contains it");
        text.Append("  ").Append("\"two words\"".PadRight(26)).AppendLine("quotes keep spaces");
        text.AppendLine("  example: kind:s3 status>=400 | is:transport");
        return text.ToString();
    }
}
