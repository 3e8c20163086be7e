using System.Net;
using System.Net.Sockets;

namespace RegDiag.Testing;

/// <summary>A loopback port free right now, for peers (docker-registry) that cannot bind port 0 and report it.</summary>
public static class FreeLoopbackPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
