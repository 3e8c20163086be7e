using RegDiag.Core;

namespace RegDiag.Doctor.Debug;

/// <summary>--debug-addr HOST:PORT.</summary>
public static class DebugAddress
{
    public static (string Host, int Port) Parse(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Uri.TryCreate("tcp://" + address, UriKind.Absolute, out var uri) || uri.Port <= 0 || uri.Host.Length == 0 || uri.AbsolutePath != "/")
        {
            throw new InputException($"--debug-addr {address}: expected HOST:PORT, e.g. localhost:5001");
        }
        return (uri.Host.Trim('[', ']'), uri.Port);
    }
}
