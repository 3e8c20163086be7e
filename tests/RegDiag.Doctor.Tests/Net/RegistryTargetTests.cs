using RegDiag.Core;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Tests.Net;

public sealed class RegistryTargetTests
{
    [Theory]
    [InlineData("registry.example.com", "registry.example.com", 443, true, "registry.example.com:443")]
    [InlineData("localhost:5000", "localhost", 5000, true, "localhost:5000")]
    [InlineData("http://localhost:5000/", "localhost", 5000, false, "localhost:5000")]
    [InlineData("https://gitlab.example.com/v2/", "gitlab.example.com", 443, true, "gitlab.example.com:443")]
    [InlineData("http://10.0.0.1", "10.0.0.1", 80, false, "10.0.0.1:80")]
    [InlineData("[::1]:5000", "::1", 5000, true, "[::1]:5000")]
    public void Parse_Forms_GiveHostPortAndScheme(string text, string host, int port, bool https, string authority)
    {
        var target = RegistryTarget.Parse(text);

        Assert.Equal(host, target.Host);
        Assert.Equal(port, target.Port);
        Assert.Equal(https, target.Https);
        Assert.Equal(authority, target.Authority);
    }

    [Theory]
    [InlineData("")]
    [InlineData("registry.example.com/group/project")]
    [InlineData("user@registry")]
    [InlineData("host:notaport")]
    public void Parse_NotAHost_ThrowsInputException(string text)
    {
        Assert.Throws<InputException>(() => RegistryTarget.Parse(text));
    }
}
