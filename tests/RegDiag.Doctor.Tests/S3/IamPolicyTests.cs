using System.Text.Json;
using RegDiag.Doctor.S3;

namespace RegDiag.Doctor.Tests.S3;

public sealed class IamPolicyTests
{
    [Fact]
    public void StatementsFor_BucketAndObjectActions_SplitsResources()
    {
        var json = IamPolicy.StatementsFor("my-bucket", [S3PermissionProbe.Get, S3PermissionProbe.Head, S3PermissionProbe.ListUploads]);

        using var document = JsonDocument.Parse(json);
        var statements = document.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(2, statements.Count);
        Assert.Equal("arn:aws:s3:::my-bucket", statements[0].GetProperty("Resource").GetString());
        Assert.Equal(["s3:ListBucketMultipartUploads"], statements[0].GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("arn:aws:s3:::my-bucket/*", statements[1].GetProperty("Resource").GetString());
        Assert.Equal(["s3:GetObject"], statements[1].GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.All(statements, s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
    }
}
