using System.Net;
using System.Net.Sockets;

namespace RegDiag.Doctor.Tests.Support;

/// <summary>A port free right now on loopback, for peers (Go programs) that cannot report the port they bound.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
