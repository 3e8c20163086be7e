using RegDiag.Core.Analysis;
using RegDiag.Core.Knowledge;

namespace RegDiag.Cli.Commands.Analyze;

/// <summary>`analyze --list-signatures`: the knowledge base as a table, or its rows as JSON.</summary>
internal static class SignatureList
{
    public static void Write(KnowledgeBase knowledgeBase, bool json, TextWriter output)
    {
        if (json)
        {
            using var buffer = new MemoryStream();
            AnalysisJson.WriteSignatures(knowledgeBase.Signatures, buffer);
            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return;
        }
        var idWidth = knowledgeBase.Signatures.Max(s => s.Id.Length);
        output.WriteLine($"{"ID".PadRight(idWidth)}  {"SEVERITY",-8}  {"GROUP",-9}  {"SEEN IN",-12}  TITLE");
        foreach (var s in knowledgeBase.Signatures)
        {
            var seen = (s.Match != null, s.Log.Count > 0) switch
            {
                (true, true) => "traffic+logs",
                (true, false) => "traffic",
                _ => "logs",
            };
            output.WriteLine($"{s.Id.PadRight(idWidth)}  {s.Severity,-8}  {s.Group,-9}  {seen,-12}  {s.Title}");
        }
        output.WriteLine($"{knowledgeBase.Signatures.Count} signatures");
    }
}
