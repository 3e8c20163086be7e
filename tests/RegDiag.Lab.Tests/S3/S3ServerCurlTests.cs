using RegDiag.Testing;

namespace RegDiag.Lab.Tests.S3;

/// <summary>curl's own SigV4 signer (--aws-sigv4) as a second, independent client of the endpoint.</summary>
public sealed class S3ServerCurlTests
{
    [Fact]
    public async Task CurlAwsSigV4_PutListGet_AcceptedAndCanonicalisedLikeS3()
    {
        await using var s3 = await S3Fixture.StartAsync();
        using var temp = new TempDirectory();
        var file = temp.Combine("body.txt");
        await File.WriteAllTextAsync(file, "curl-bytes");
        var options = s3.Server.Options;
        var baseUrl = $"{s3.Server.Endpoint.ToString().TrimEnd('/')}/{s3.Bucket}";
        string[] common = ["--silent", "--show-error", "--noproxy", "*", "--aws-sigv4", $"aws:amz:{options.Region}:s3", "--user", $"{options.AccessKey}:{options.SecretKey}"];

        var put = await ExternalTool.RunAsync("curl", [.. common, "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "--upload-file", file, "--write-out", "%{http_code}", $"{baseUrl}/dir/sha256-ab%20c"]);
        // Parameters in canonical order: curl 7.88 signs the query string as written, where S3 sorts it.
        var list = await ExternalTool.RunAsync("curl", [.. common, "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", $"{baseUrl}?delimiter=%2F&list-type=2&prefix=dir%2F"]);
        var get = await ExternalTool.RunAsync("curl", [.. common, "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", $"{baseUrl}/dir/sha256-ab%20c"]);
        var wrong = await ExternalTool.RunAsync("curl", [.. common[..^1], $"{options.AccessKey}:wrong", "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", $"{baseUrl}/dir/sha256-ab%20c"]);
        // curl 7.88 signs the path as written; S3 re-encodes it strictly (':' as %3A), so real S3 rejects this
        // too (curl/curl#13754). The endpoint must reject it the same way, with S3's canonical request.
        var colon = await ExternalTool.RunAsync("curl", [.. common, "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", $"{baseUrl}/dir/sha256:ab"]);

        Assert.True(put.Stdout == "200", put.Output);
        Assert.True(list.Stdout.Contains("<Key>dir/sha256-ab c</Key>"), list.Stdout);
        Assert.Equal("curl-bytes", get.Stdout);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", wrong.Stdout);
        Assert.Contains($"<CanonicalRequest>GET\n/{s3.Bucket}/dir/sha256%3Aab\n", colon.Stdout);
    }
}
