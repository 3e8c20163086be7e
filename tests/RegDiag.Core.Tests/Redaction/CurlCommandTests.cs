using RegDiag.Core.Export;
using RegDiag.Core.Redaction;
using RegDiag.Testing.Exchanges;
using RegDiag.Testing;

namespace RegDiag.Core.Tests.Redaction;

public sealed class CurlCommandTests
{
    [Fact]
    public void Format_LeakCorpus_NoSecretSurvives()
    {
        foreach (var exchange in Secrets.Corpus())
        {
            var command = CurlCommand.Format(exchange, Redactor.Default);
            foreach (var secret in Secrets.All)
            {
                Assert.DoesNotContain(secret, command);
                Assert.DoesNotContain(Uri.EscapeDataString(secret), command);
            }
        }
    }

    [Fact]
    public async Task Format_FormPost_IsAValidShellCommandRepeatingTheRequest()
    {
        var exchange = X.Ex(1, "POST", "https://auth.test/token?x='y'", 200,
            request: [("Content-Type", "application/x-www-form-urlencoded"), ("Host", "auth.test")],
            requestText: "grant_type=password&username=o'brien&password=p");

        var command = CurlCommand.Format(exchange, Redactor.Default);

        Assert.Equal("curl -X 'POST' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary " +
            "'grant_type=password&username=o'\\''brien&password=<redacted>' 'https://auth.test/token?x='\\''y'\\'''", command);
        // The shell must parse it back into the same words.
        var words = await ExternalTool.RunAsync("sh", ["-c", "printf '%s\\n' " + command[5..]]);
        Assert.Contains("https://auth.test/token?x='y'", words.Stdout);
    }
}
