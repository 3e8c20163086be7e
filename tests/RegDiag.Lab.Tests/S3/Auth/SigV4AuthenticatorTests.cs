using Microsoft.AspNetCore.Http;
using RegDiag.Lab.S3;
using RegDiag.Lab.S3.Auth;

namespace RegDiag.Lab.Tests.S3.Auth;

/// <summary>The worked examples of AWS's S3 SigV4 documentation, verified by the lab's authenticator.</summary>
public sealed class SigV4AuthenticatorTests
{
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset SignedAt = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    private static SigV4Authenticator Authenticator() => new("us-east-1", new Dictionary<string, string> { [AccessKey] = Secret });

    private static HttpRequest Request(string method, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Host = new HostString("examplebucket.s3.amazonaws.com");
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }
        return context.Request;
    }

    private static HttpRequest GetObjectExample(string signature) => Request("GET",
        ("Range", "bytes=0-9"),
        ("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("x-amz-date", "20130524T000000Z"),
        ("Authorization", $"AWS4-HMAC-SHA256 Credential={AccessKey}/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature={signature}"));

    [Fact]
    public void HeaderAuth_AwsGetObjectExample_Verified()
    {
        var identity = Authenticator().Authenticate(
            GetObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"), "/test.txt", "", SignedAt);

        Assert.Equal(AccessKey, identity.AccessKey);
        Assert.False(identity.Presigned);
    }

    [Fact]
    public void HeaderAuth_OneDigitChanged_SignatureDoesNotMatchWithCanonicalRequest()
    {
        var error = Assert.Throws<S3Exception>(() => Authenticator().Authenticate(
            GetObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42"), "/test.txt", "", SignedAt));

        Assert.Equal(S3ErrorCode.SignatureDoesNotMatch, error.Error);
        Assert.Contains(error.Fields, f => f.Key == "CanonicalRequest" && f.Value.StartsWith("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n", StringComparison.Ordinal));
    }

    [Fact]
    public void HeaderAuth_SixteenMinutesLater_RequestTimeTooSkewed()
    {
        var error = Assert.Throws<S3Exception>(() => Authenticator().Authenticate(
            GetObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"), "/test.txt", "", SignedAt.AddMinutes(16)));

        Assert.Equal(S3ErrorCode.RequestTimeTooSkewed, error.Error);
        Assert.Contains(new KeyValuePair<string, string>("MaxAllowedSkewMilliseconds", "900000"), error.Fields);
    }

    [Fact]
    public void PresignedAuth_AwsQueryStringExample_VerifiedUntilExpiry()
    {
        const string query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

        var identity = Authenticator().Authenticate(Request("GET"), "/test.txt", query, SignedAt.AddHours(23));
        var expired = Assert.Throws<S3Exception>(() => Authenticator().Authenticate(Request("GET"), "/test.txt", query, SignedAt.AddHours(25)));

        Assert.True(identity.Presigned);
        Assert.Equal(S3ErrorCode.AccessDenied, expired.Error);
        Assert.Equal("Request has expired", expired.Message);
    }
}
