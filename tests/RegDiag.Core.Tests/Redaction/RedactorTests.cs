using System.Text.Json;
using RegDiag.Core.Har;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;
using RegDiag.Testing.Exchanges;

namespace RegDiag.Core.Tests.Redaction;

public sealed class RedactorTests
{
    [Fact]
    public void HarExport_LeakCorpus_NoSecretSurvives()
    {
        using var stream = new MemoryStream();
        HarWriter.Write(Secrets.Corpus(), stream, RedactionOptions.Default);
        var raw = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var decoded = string.Join("\n", AllStrings(JsonDocument.Parse(raw).RootElement));

        foreach (var secret in Secrets.All)
        {
            foreach (var form in new[] { secret, Uri.EscapeDataString(secret) })
            {
                Assert.DoesNotContain(form, raw);
                Assert.DoesNotContain(form, decoded);
            }
        }
        Assert.Contains("<redacted sha256:", decoded);
    }

    [Fact]
    public void HarExport_NoRedact_KeepsTheSecrets()
    {
        using var stream = new MemoryStream();
        HarWriter.Write(Secrets.Corpus(), stream, RedactionOptions.None);
        var decoded = string.Join("\n", AllStrings(JsonDocument.Parse(stream.ToArray()).RootElement));

        Assert.Contains(Secrets.AmzSignature, decoded);
        Assert.Contains(Secrets.Jwt, decoded);
        Assert.DoesNotContain("<redacted", decoded);
    }

    [Fact]
    public void Redact_SameTokenInHeaderAndTokenResponse_SameMarker()
    {
        var corpus = Secrets.Corpus().Select(Redactor.Default.Redact).ToList();
        var marker = SecretMarker.For(Secrets.Jwt);

        Assert.EndsWith(marker, corpus[3].Request.Headers.Get("Authorization"));
        Assert.EndsWith(marker, corpus[11].Request.Headers.Get("Authorization"));
        Assert.Contains(marker, corpus[1].Response!.Body.Text);
    }

    [Fact]
    public void Redact_Jwt_KeepsHeaderAndClaimsDropsSignature()
    {
        var redacted = Redactor.Default.RedactHeaderValue("Authorization", "Bearer " + Secrets.Jwt);

        var publicPart = Secrets.Jwt[..(Secrets.Jwt.LastIndexOf('.') + 1)];
        Assert.Equal("Bearer " + publicPart + SecretMarker.For(Secrets.Jwt), redacted);
    }

    [Fact]
    public void RedactUrl_PresignedS3_KeepsRegionScopeAndStaysAValidUrl()
    {
        var redacted = Redactor.Default.RedactUrl(Secrets.PresignedS3);

        Assert.True(Uri.TryCreate(redacted, UriKind.Absolute, out _));
        Assert.Contains("%2F20261128%2Fus-east-1%2Fs3%2Faws4_request", redacted);
        Assert.Contains("X-Amz-Expires=1200", redacted);
        Assert.Contains("X-Amz-Signature=" + Uri.EscapeDataString(SecretMarker.For(Secrets.AmzSignature)), redacted);
        Assert.DoesNotContain(Secrets.AccessKeyId, redacted);
    }

    [Fact]
    public void RedactHeaderValue_BasicAuth_KeepsUserOnly()
    {
        var value = "Basic " + Convert.ToBase64String("alice:s3cret"u8.ToArray());

        Assert.Equal("Basic <redacted user=alice>", Redactor.Default.RedactHeaderValue("Authorization", value));
    }

    [Fact]
    public void RedactHeaderValue_Challenge_Untouched()
    {
        const string challenge = "Bearer realm=\"https://gitlab.test/jwt/auth\",service=\"container_registry\",scope=\"repository:a/b:push,pull\",error=\"insufficient_scope\"";

        Assert.Equal(challenge, Redactor.Default.RedactHeaderValue("WWW-Authenticate", challenge));
    }

    [Theory]
    [InlineData("time=\"x\" level=info msg=\"login\" password=\"hunter2-S3cret!x\" user=alice", "hunter2-S3cret!x")]
    [InlineData("Authorization: Bearer opaque-Tok3n-9f8e7d6c5b4a3210", "opaque-Tok3n-9f8e7d6c5b4a3210")]
    [InlineData("GET https://bob:url-p4ss-word-99@registry.test/v2/ failed", "url-p4ss-word-99")]
    [InlineData("s3aws: InvalidAccessKeyId: key AKIAIOSFODNN7EXAMPLE unknown", "AKIAIOSFODNN7EXAMPLE")]
    public void RedactText_LogLine_RemovesTheSecret(string line, string secret)
    {
        var redacted = Redactor.Default.RedactText(line);

        Assert.DoesNotContain(secret, redacted);
        Assert.Contains("<redacted", redacted);
    }

    [Fact]
    public void Redact_Twice_SameAsOnce()
    {
        foreach (var exchange in Secrets.Corpus())
        {
            var once = Redactor.Default.Redact(exchange);
            var twice = Redactor.Default.Redact(once);

            Assert.Equal(once.Request.Url, twice.Request.Url);
            Assert.Equal(once.Request.Headers, twice.Request.Headers);
            Assert.Equal(once.Request.Body.Text, twice.Request.Body.Text);
            Assert.Equal(once.Response?.Body.Text, twice.Response?.Body.Text);
            Assert.Equal(once.Response?.Headers, twice.Response?.Headers);
        }
    }

    [Fact]
    public void Redact_RegistryErrorBody_Untouched()
    {
        const string body = "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\",\"detail\":\"sha256:abcd\"}]}";
        var exchange = X.Ex(1, "GET", "https://registry.test/v2/a/blobs/sha256:abcd", 404, responseText: body, responseContentType: "application/json");

        Assert.Equal(body, Redactor.Default.Redact(exchange).Response!.Body.Text);
    }

    private static IEnumerable<string> AllStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var s in AllStrings(property.Value))
                    {
                        yield return s;
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var s in AllStrings(item))
                    {
                        yield return s;
                    }
                }
                break;
        }
    }
}
