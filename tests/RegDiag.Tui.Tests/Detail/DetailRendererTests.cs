using RegDiag.Tui.Detail;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Tests.Detail;

public sealed class DetailRendererTests
{
    [Fact]
    public void Render_DiagnosedS3Head_PutsDiagnosisBeforeHeaders()
    {
        var store = new FlowStore(live: false);
        store.AddRange(TestExchanges.Push());
        var flow = store.Flows[4];
        flow.Diagnoses = [new DiagnosisNote("error", "S3 refused the HEAD", "no s3:GetObject", "grant it", ["#5 403"])];

        var text = DetailRenderer.Render(flow, store.Flows);

        Assert.StartsWith("HEAD https://s3.test/", text);
        Assert.Contains("DIAGNOSIS (error) S3 refused the HEAD", text);
    }
}
