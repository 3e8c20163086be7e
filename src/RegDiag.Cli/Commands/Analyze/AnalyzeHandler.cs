using System.Runtime;
using RegDiag.Core;
using RegDiag.Core.Analysis;
using RegDiag.Core.Import;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Redaction;
using RegDiag.Core.Text;
using RegDiag.Core.Timeline;

namespace RegDiag.Cli.Commands.Analyze;

/// <summary>Runs `regdiag analyze`; returns the exit code.</summary>
internal sealed class AnalyzeHandler(string? file, bool json, bool listSignatures, TextWriter output, TextWriter error)
{
    public int Execute()
    {
        if (listSignatures)
        {
            SignatureList.Write(KnowledgeBase.Default, json, output);
            return CommandLine.Success;
        }
        if (string.IsNullOrEmpty(file))
        {
            throw new InputException("analyze: a capture FILE is required (or --list-signatures)");
        }
        // A batch job that keeps every exchange to the end: the background GC's concurrent marking only adds
        // work here (the process-wide GC settings are tuned for the long-running proxy).
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        var progress = ProgressLine.ForStderr(error, file);
        var redactor = Redactor.Default;
        AnalysisResult analysis;
        try
        {
            analysis = Analyzer.Analyze(CaptureLoader.Load(file), AnalyzerOptions.Default with { Progress = progress, Redactor = redactor });
        }
        finally
        {
            progress?.Done();
        }
        var timeline = TimelineBuilder.Build(analysis, redactor);
        if (json)
        {
            var document = AnalysisDocumentBuilder.Build(analysis, timeline, redactor, file);
            if (ReferenceEquals(output, Console.Out))
            {
                // Straight to the stream: the document of a large capture is too big to build as one string.
                using var stdout = Console.OpenStandardOutput();
                AnalysisJson.Write(document, stdout, indented: !Console.IsOutputRedirected);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                output.WriteLine(AnalysisJson.Serialize(document));
            }
        }
        else
        {
            new AnalysisTextRenderer(Style()).Render(analysis, timeline, output);
        }
        return analysis.HasErrors ? CommandLine.FailureFound : CommandLine.Success;
    }

    /// <summary>Colour only for a real terminal on stdout, and never with NO_COLOR.</summary>
    private AnsiStyle Style() => ReferenceEquals(output, Console.Out) ? AnsiStyle.ForStdout() : AnsiStyle.Plain;
}
