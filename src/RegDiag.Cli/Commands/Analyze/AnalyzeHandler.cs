using System.Runtime;
using System.Text;
using RegDiag.Core;
using RegDiag.Core.Analysis;
using RegDiag.Core.Import;
using RegDiag.Core.Knowledge;
using RegDiag.Core.Model;
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
            analysis = Analyzer.Analyze(WithoutCollections(CaptureLoader.Load(file), new FileInfo(file).Length),
                AnalyzerOptions.Default with { Progress = progress, Redactor = redactor });
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
            RenderText(analysis, timeline);
        }
        return analysis.HasErrors ? CommandLine.FailureFound : CommandLine.Success;
    }

    /// <summary>
    /// Reads the capture with the garbage collector held off (a no-GC region sized from the file: ~1.7 bytes
    /// allocated per byte of HAR, at most 256 MB). Everything read is kept to the end, so a collection during
    /// the read finds next to no garbage and only copies what it must keep: on the 100,000-exchange bench HAR
    /// that was ~0.4 s of collections during the read, against ~0.2 s for the one that follows it.
    /// A larger capture just ends the region early (the runtime collects as usual from then on).
    /// </summary>
    private static IEnumerable<Exchange> WithoutCollections(IEnumerable<Exchange> exchanges, long fileBytes)
    {
        bool held;
        try
        {
            held = GC.TryStartNoGCRegion(Math.Clamp(fileBytes * 2, 16L << 20, 256L << 20));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // More than this runtime's heap layout allows, or a region already held (another analysis in the
            // same process): read with collections as usual.
            held = false;
        }
        try
        {
            foreach (var exchange in exchanges)
            {
                yield return exchange;
            }
        }
        finally
        {
            if (held && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                try
                {
                    GC.EndNoGCRegion();
                }
                catch (InvalidOperationException)
                {
                    // Someone collected meanwhile (the region already ended): nothing to undo.
                }
            }
        }
    }

    /// <summary>
    /// The text report. On stdout it goes through a buffer of its own: Console.Out flushes at every write, a
    /// system call per line (140,000 for the 100,000-exchange bench capture).
    /// </summary>
    private void RenderText(AnalysisResult analysis, IReadOnlyList<TimelineSection> timeline)
    {
        var renderer = new AnalysisTextRenderer(Style());
        if (!ReferenceEquals(output, Console.Out) || Console.OutputEncoding.CodePage != Encoding.UTF8.CodePage)
        {
            renderer.Render(analysis, timeline, output);
            return;
        }
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        renderer.Render(analysis, timeline, stdout);
    }

    /// <summary>Colour only for a real terminal on stdout, and never with NO_COLOR.</summary>
    private AnsiStyle Style() => ReferenceEquals(output, Console.Out) ? AnsiStyle.ForStdout() : AnsiStyle.Plain;
}
