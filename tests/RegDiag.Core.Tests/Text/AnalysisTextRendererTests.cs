using RegDiag.Core.Analysis;
using RegDiag.Core.Redaction;
using RegDiag.Testing.Exchanges;
using RegDiag.Core.Text;
using RegDiag.Core.Timeline;
using static RegDiag.Testing.Exchanges.Scenarios;

namespace RegDiag.Core.Tests.Text;

public sealed class AnalysisTextRendererTests
{
    private static (AnalysisResult, IReadOnlyList<TimelineSection>) Failing()
    {
        var url = Presigned(Layer, X.T0);
        var analysis = Analyzer.Analyze(
        [
            X.Ex(1, "HEAD", $"{Registry}/v2/{Repo}/blobs/{Layer}", 307, response: [("Location", url)]),
            X.Ex(2, "HEAD", url, 403, atMs: 20),
        ]);
        return (analysis, TimelineBuilder.Build(analysis, Redactor.Default));
    }

    [Fact]
    public void Render_Plain_NoEscapesAndEverySection()
    {
        var (analysis, timeline) = Failing();
        var output = new StringWriter();

        new AnalysisTextRenderer(AnsiStyle.Plain).Render(analysis, timeline, output);

        var text = output.ToString();
        Assert.DoesNotContain("\u001b[", text);
        Assert.Contains($"push {Repo}", text);
        Assert.Contains("layer sha256:111111111111…", text);
        Assert.Contains("ERROR Storage refused the redirected HEAD", text);
        Assert.Contains("stopped at #2", text);
        Assert.Contains("2 exchanges, 1 operation (1 failed), 1 diagnosis (1 error, 0 warnings)", text);
        Assert.DoesNotContain("X-Amz-Signature=0abc", text);
    }

    [Fact]
    public void Render_Coloured_MarksTheFailureRed()
    {
        var (analysis, timeline) = Failing();
        var output = new StringWriter();

        new AnalysisTextRenderer(new AnsiStyle(true)).Render(analysis, timeline, output);

        Assert.Contains("\u001b[31mERROR\u001b[0m", output.ToString());
        Assert.Contains("\u001b[31m403\u001b[0m", output.ToString());
    }
}
