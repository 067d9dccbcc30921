using System.Net;
using System.Net.Sockets;

namespace MangaAssist.LocalEdge.Stack;

/// <summary>Loopback addresses for the stack's listeners.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now; a stack started on free ports never disturbs a LocalEdge left running.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><c>http://127.0.0.1:port</c> on a free port.</summary>
    public static Uri FreeUrl() => new($"http://127.0.0.1:{Free()}");
}
