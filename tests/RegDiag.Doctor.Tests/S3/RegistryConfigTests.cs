using RegDiag.Core;
using RegDiag.Doctor.S3;
using RegDiag.Testing;

namespace RegDiag.Doctor.Tests.S3;

public sealed class RegistryConfigTests : IDisposable
{
    private readonly TempDirectory _directory = new("regdiag-doctor-config");

    public void Dispose() => _directory.Dispose();

    private string Write(string yaml)
    {
        var path = _directory.Combine("config.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void ReadS3_DistributionConfigWithCommentsAndQuotes_ReadsEveryKey()
    {
        var path = Write("""
            version: 0.1
            log:
              level: info # noisy
            storage:
              cache:
                blobdescriptor: inmemory
              s3:
                accesskey: AKIAEXAMPLE
                secretkey: "se#cret:with colon"
                region: eu-central-1
                regionendpoint: 'https://minio.example.com:9000'
                bucket: registry-bucket
                encrypt: true
                secure: false
                v4auth: true
                chunksize: 5242880
                rootdirectory: /registry/root
                forcepathstyle: true
              delete:
                enabled: true
            http:
              addr: :5000
              headers:
                X-Content-Type-Options: [nosniff]
            """);

        var s3 = RegistryConfig.ReadS3(path);

        Assert.NotNull(s3);
        Assert.Equal("AKIAEXAMPLE", s3.AccessKey);
        Assert.Equal("se#cret:with colon", s3.SecretKey);
        Assert.Equal("eu-central-1", s3.Region);
        Assert.Equal(new Uri("https://minio.example.com:9000"), s3.EndpointUri);
        Assert.Equal("registry-bucket", s3.Bucket);
        Assert.Equal("registry/root", s3.KeyPrefix);
        Assert.True(s3.Encrypt);
        Assert.False(s3.Secure);
        Assert.True(s3.V4Auth);
        Assert.True(s3.ForcePathStyle);
    }

    [Fact]
    public void ReadS3_GitLabPathStyleAndBareEndpoint_UsesSecureForScheme()
    {
        var path = Write("storage:\n  s3:\n    bucket: b\n    regionendpoint: s3.internal:9000\n    secure: false\n    pathstyle: true\n");

        var s3 = RegistryConfig.ReadS3(path)!;

        Assert.Equal(new Uri("http://s3.internal:9000"), s3.EndpointUri);
        Assert.True(s3.ForcePathStyle);
        Assert.Null(s3.AccessKey);
    }

    [Fact]
    public void ReadS3_FilesystemStorage_ReturnsNull()
    {
        Assert.Null(RegistryConfig.ReadS3(Write("storage:\n  filesystem:\n    rootdirectory: /var/lib/registry\n")));
    }

    [Fact]
    public void ReadS3_MissingFile_ThrowsInputException()
    {
        Assert.Throws<InputException>(() => RegistryConfig.ReadS3(_directory.Combine("absent.yml")));
    }

    [Fact]
    public void With_Overrides_ReplaceOnlyWhatTheySet()
    {
        var merged = new S3Settings { Bucket = "a", Region = "us-east-1" }.With(new S3Settings { Region = "eu-west-1" });

        Assert.Equal("a", merged.Bucket);
        Assert.Equal("eu-west-1", merged.Region);
    }
}
