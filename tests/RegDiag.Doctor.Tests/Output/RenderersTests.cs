using System.Text.Json;
using RegDiag.Core.Text;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Output;

namespace RegDiag.Doctor.Tests.Output;

public sealed class RenderersTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJnaXRsYWIifQ.c2lnbmF0dXJlc2lnbmF0dXJl";

    private static DoctorReport Report() => new()
    {
        Tool = "regdiag",
        Version = "1.2.3",
        Host = "registry.test:443",
        Started = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero),
        DurationMs = 1234.56,
        Checks =
        [
            new CheckResult { Id = "tls", Title = "TLS", Status = CheckStatus.Fail, Finding = "not trusted", Fix = "add ca.crt", Evidence = ["issuer: CN=x", $"Authorization: Bearer {Jwt}"], DurationMs = 12 },
            new CheckResult { Id = "name", Title = "Image name", Status = CheckStatus.Skipped, Finding = "no --image given" },
        ],
    };

    [Fact]
    public void Json_Report_HasTheDocumentedFieldsAndNoSecrets()
    {
        var json = JsonRenderer.Serialize(Report());

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("fail", root.GetProperty("overall").GetString());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal("registry.test:443", root.GetProperty("host").GetString());
        var tls = root.GetProperty("checks")[0];
        Assert.Equal("tls", tls.GetProperty("id").GetString());
        Assert.Equal("fail", tls.GetProperty("status").GetString());
        Assert.Equal("add ca.crt", tls.GetProperty("fix").GetString());
        Assert.Equal(2, tls.GetProperty("evidence").GetArrayLength());
        Assert.False(root.GetProperty("checks")[1].TryGetProperty("fix", out _));
        Assert.DoesNotContain(Jwt, json);
    }

    [Fact]
    public void Text_Plain_HasATablePerCheckAndASummaryWithoutEscapes()
    {
        var output = new StringWriter();

        TextRenderer.Write(Report(), output, AnsiStyle.Plain);

        var text = output.ToString();
        Assert.Contains("[FAIL] tls  TLS", text);
        Assert.Contains("  finding  │ not trusted", text);
        Assert.Contains("  fix      │ add ca.crt", text);
        Assert.Contains("  evidence │ issuer: CN=x", text);
        Assert.Contains("0 passed, 0 warned, 1 failed, 1 skipped", text);
        Assert.DoesNotContain("\u001b[", text);
    }

    [Fact]
    public void Text_Coloured_UsesAnsi()
    {
        var output = new StringWriter();

        TextRenderer.Write(Report(), output, new AnsiStyle(true));

        Assert.Contains("\u001b[31m[FAIL]\u001b[0m", output.ToString());
    }

    [Fact]
    public void Markdown_Report_HasEnvironmentEveryCheckAndIsRedacted()
    {
        var markdown = MarkdownReport.Render(Report(), ["registry.test", "--user", "alice"]);

        Assert.Contains("# regdiag doctor report: registry.test:443", markdown);
        Assert.Contains("| regdiag | 1.2.3 |", markdown);
        Assert.Contains("| OS |", markdown);
        Assert.Contains("`regdiag doctor registry.test --user alice`", markdown);
        Assert.Contains("| tls | fail | not trusted |", markdown);
        Assert.Contains("## name: Image name (skipped)", markdown);
        Assert.DoesNotContain(Jwt, markdown);
    }
}
