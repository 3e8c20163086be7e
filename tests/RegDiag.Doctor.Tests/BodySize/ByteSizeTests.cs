using RegDiag.Core;
using RegDiag.Doctor.BodySize;

namespace RegDiag.Doctor.Tests.BodySize;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("2M", 2L * 1024 * 1024)]
    [InlineData("1m", 1024L * 1024)]
    [InlineData("512K", 512L * 1024)]
    [InlineData("1.5MiB", 1536L * 1024)]
    [InlineData("100MB", 100L * 1024 * 1024)]
    [InlineData("1g", 1024L * 1024 * 1024)]
    [InlineData("1048577", 1048577L)]
    [InlineData("10b", 10L)]
    public void Parse_SizeAsLimitsAreWritten_GivesBytes(string text, long expected)
    {
        Assert.Equal(expected, ByteSize.Parse(text, "--probe-size"));
    }

    [Theory]
    [InlineData("3X")]
    [InlineData("-1M")]
    [InlineData("0")]
    [InlineData("65G")]
    [InlineData("")]
    public void Parse_BadSize_ThrowsInputExceptionNamingTheOption(string text)
    {
        var error = Assert.Throws<InputException>(() => ByteSize.Parse(text, "--probe-size"));
        Assert.StartsWith("--probe-size", error.Message);
    }
}
